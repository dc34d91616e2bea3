import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { formatModelSpec, parseModelSpec } from "./model-spec.js";

describe("parseModelSpec", () => {
  it("accepts the three forms", () => {
    expect(parseModelSpec("offline")).toEqual({ provider: "offline" });
    expect(parseModelSpec("openai:gpt-4.1-mini")).toEqual({ provider: "openai", model: "gpt-4.1-mini" });
    expect(parseModelSpec("openai:llama3.1:8b@http://localhost:11434/v1/")).toEqual({
      provider: "openai",
      model: "llama3.1:8b",
      baseURL: "http://localhost:11434/v1",
    });
  });

  it("round-trips through formatModelSpec", () => {
    for (const s of ["offline", "openai:gpt-4o", "openai:m@https://host:8000/v1"]) expect(formatModelSpec(parseModelSpec(s))).toBe(s);
  });

  it.each(["", "gpt-4o", "openai:", "openai:m@localhost:11434", "openai:a b", "openai:m@ftp://x"])("rejects %j with one line naming it", (bad) => {
    let err: unknown;
    try {
      parseModelSpec(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg).toContain(`'${bad}'`);
    expect(msg).toContain("accepted: offline, openai:<model>, openai:<model>@<http(s)://host:port/v1>");
    expect(msg.split("\n")).toHaveLength(1);
    expect((err as UsageError).exitCode).toBe(2);
  });
});
