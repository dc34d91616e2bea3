import { describe, expect, it } from "vitest";
import { compactJson } from "./compact-json.js";

describe("compactJson", () => {
  it("keeps the value, puts intervals and small rate objects on one line, leaves strings alone", () => {
    const value = {
      a: { count: 1, n: 2, rate: 0.5, ci95: [0.1, -0.9] },
      s: 'see [ 1, 2 ] and {"x": 1}',
      nested: { deep: { x: 1 } },
      empty: [],
      list: [{ id: "a" }],
    };
    const text = compactJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('"a": { "count": 1, "n": 2, "rate": 0.5, "ci95": [0.1, -0.9] }');
    expect(text).toContain('"s": "see [ 1, 2 ] and {\\"x\\": 1}"');
    expect(text.endsWith("}\n")).toBe(true);
  });
});
