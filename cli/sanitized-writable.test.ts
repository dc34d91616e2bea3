import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { sanitizedWritable } from "./sanitized-writable.js";

describe("sanitizedWritable", () => {
  it("forwards every write synchronously, without escape sequences or credentials", () => {
    const target = new PassThrough();
    let text = "";
    target.on("data", (d) => (text += String(d)));
    const out = sanitizedWritable(target);
    out.write("personas generate: failed — 3 of 3 tasks failed (first: 500 \u001b]0;owned\u0007\u001b[2Jboom at http://bob:pw@host/v1)\n");
    target.end();
    expect(text).toBe("personas generate: failed — 3 of 3 tasks failed (first: 500 boom at http://***@host/v1)\n");
  });
});
