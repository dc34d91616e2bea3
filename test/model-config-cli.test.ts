// issue 2: a missing key or an unreachable server is one line, exit 2, before anything is written.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { runCliCaptured } from "./run-cli-captured.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const tmp = tempDir("dp-modelcfg-");

/** a port that was just free: listen, read it, close */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("model configuration errors", () => {
  it("openai: without OPENAI_API_KEY → one line naming the variable, exit 2, no run directory", async () => {
    const r = await runCliCaptured(
      ["personas", "generate", "--country", "KEN", "--count", "1", "--model", "openai:gpt-4.1-mini", "--out", "nokey"],
      { cwd: tmp, env: {} },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("OPENAI_API_KEY");
    expect(existsSync(join(tmp, "nokey"))).toBe(false);
  });

  it("an unreachable OpenAI-compatible server → one line naming the url, exit 2", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await runCliCaptured(
      argv`survey run --countries KEN --per-country 1 --items Q45 --model openai:local-model@${url} --request-timeout 3000
        --out unreachable`,
      { cwd: tmp, env: {} },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(url);
    expect(existsSync(join(tmp, "unreachable"))).toBe(false);
  });

  it.each([
    ["anthropic:claude-x", {}, "ANTHROPIC_API_KEY"],
    ["google:gemini-x", {}, "GOOGLE_API_KEY"],
    ["azure:my-deployment", { AZURE_OPENAI_ENDPOINT: "https://example.openai.azure.com" }, "AZURE_OPENAI_API_KEY"],
    ["azure:my-deployment", { AZURE_OPENAI_API_KEY: "k" }, "AZURE_OPENAI_ENDPOINT"],
  ] as const)("%s without its setting → one line naming %s (env %j), exit 2, no run directory", async (spec, env, variable) => {
    const out = `missing-${variable}`;
    const r = await runCliCaptured(
      ["survey", "run", "--countries", "KEN", "--per-country", "1", "--items", "Q45", "--model", spec, "--out", out],
      { cwd: tmp, env: { ...env } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(variable);
    expect(existsSync(join(tmp, out))).toBe(false);
  });

  it("an unreachable Ollama server (OLLAMA_HOST) → one line naming the url, exit 2", async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const r = await runCliCaptured(
      argv`survey run --countries KEN --per-country 1 --items Q45 --model ollama:llama-x --request-timeout 3000 --out ollama-down`,
      { cwd: tmp, env: { OLLAMA_HOST: host } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`http://${host}`);
    expect(existsSync(join(tmp, "ollama-down"))).toBe(false);
  });

  it("a malformed model spec → one line with the accepted forms, exit 2", async () => {
    const r = await runCliCaptured(["personas", "generate", "--country", "KEN", "--count", "1", "--model", "gpt4", "--out", "badspec"], {
      cwd: tmp,
      env: {},
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/offline, openai:<model>.*anthropic:<model>, google:<model>, ollama:<model>, azure:<deployment>/);
  });
});
