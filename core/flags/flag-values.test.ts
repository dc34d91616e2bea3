import { describe, expect, it } from "vitest";
import { parsePositiveInt } from "./flag-values.js";

describe("parsePositiveInt", () => {
  it("takes whole numbers, with underscores between digit groups, within the range", () => {
    expect(parsePositiveInt("count", "42")).toBe(42);
    expect(parsePositiveInt("count", "100_000", { max: 1_000_000 })).toBe(100_000);
    expect(parsePositiveInt("count", "1_0")).toBe(10);
    expect(parsePositiveInt("seed", "0", { min: 0 })).toBe(0);
  });
  it.each(["", "x", "1.5", "-3", "_1", "1_", "1__0", "1e3", "0"])("rejects %j naming the flag and the range", (value) => {
    expect(() => parsePositiveInt("per-country", value, { max: 100_000 })).toThrow(
      `--per-country must be an integer from 1 to 100000, got '${value}'`,
    );
  });
});
