import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { formatModelSpec, parseModelSpec, providerBaseURL } from "./model-spec.js";

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

  it("accepts anthropic, google, ollama and azure, each with an optional @URL", () => {
    expect(parseModelSpec("anthropic:claude-sonnet-4-5")).toEqual({ provider: "anthropic", model: "claude-sonnet-4-5" });
    expect(parseModelSpec("google:gemini-2.5-flash@http://127.0.0.1:9000/")).toEqual({
      provider: "google",
      model: "gemini-2.5-flash",
      baseURL: "http://127.0.0.1:9000",
    });
    expect(parseModelSpec("ollama:llama3.1:8b")).toEqual({ provider: "ollama", model: "llama3.1:8b" });
    expect(parseModelSpec("azure:my-deployment@https://res.openai.azure.com")).toEqual({
      provider: "azure",
      model: "my-deployment",
      baseURL: "https://res.openai.azure.com",
    });
  });

  it("providerBaseURL: the @URL, else the given one, else the provider's default (azure: none)", () => {
    expect(providerBaseURL({ provider: "ollama", model: "m" })).toBe("http://127.0.0.1:11434");
    expect(providerBaseURL({ provider: "anthropic", model: "m" }, "http://proxy:8080/")).toBe("http://proxy:8080");
    expect(providerBaseURL({ provider: "google", model: "m", baseURL: "http://a:1" }, "http://b:2")).toBe("http://a:1");
    expect(providerBaseURL({ provider: "azure", model: "d" })).toBeUndefined();
  });

  it("round-trips through formatModelSpec", () => {
    for (const s of [
      "offline",
      "openai:gpt-4o",
      "openai:m@https://host:8000/v1",
      "anthropic:claude-x",
      "ollama:llama3.1:8b@http://h:11434",
      "azure:d@https://r.openai.azure.com",
      "google:gemini-x",
    ]) {
      expect(formatModelSpec(parseModelSpec(s))).toBe(s);
    }
  });

  it.each([
    "",
    "gpt-4o",
    "openai:",
    "openai:m@localhost:11434",
    "openai:a b",
    "openai:m@ftp://x",
    "anthropic:",
    "claude:x",
    "ollama:m@localhost:11434",
  ])("rejects %j with one line naming it", (bad) => {
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
