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

/** runs argv with `--out out` in tmp: exit 2, one stderr line, no run directory; returns stderr */
async function refused(args: string[], out: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runCliCaptured([...args, "--out", out], { cwd: tmp, env });
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(existsSync(join(tmp, out))).toBe(false);
  return r.stderr;
}
const survey = (model: string, ...more: string[]) => argv`survey run --countries KEN --per-country 1 --items Q45 --model ${model} ${more}`;

describe("model configuration errors", () => {
  it("openai: without OPENAI_API_KEY → one line naming the variable, exit 2, no run directory", async () => {
    expect(await refused(argv`personas generate --country KEN --count 1 --model openai:gpt-4.1-mini`, "nokey")).toContain("OPENAI_API_KEY");
  });

  it("an unreachable OpenAI-compatible server → one line naming the url, exit 2", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    expect(await refused(survey(`openai:local-model@${url}`, "--request-timeout", "3000"), "unreachable")).toContain(url);
  });

  it.each([
    ["anthropic:claude-x", {}, "ANTHROPIC_API_KEY"],
    ["google:gemini-x", {}, "GOOGLE_API_KEY"],
    ["azure:my-deployment", { AZURE_OPENAI_ENDPOINT: "https://example.openai.azure.com" }, "AZURE_OPENAI_API_KEY"],
    ["azure:my-deployment", { AZURE_OPENAI_API_KEY: "k" }, "AZURE_OPENAI_ENDPOINT"],
  ] as const)("%s without its setting → one line naming %s (env %j), exit 2, no run directory", async (spec, env, variable) => {
    expect(await refused(survey(spec), `missing-${variable}`, { ...env })).toContain(variable);
  });

  it("an unreachable Ollama server (OLLAMA_HOST) → one line naming the url, exit 2", async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const stderr = await refused(survey("ollama:llama-x", "--request-timeout", "3000"), "ollama-down", { OLLAMA_HOST: host });
    expect(stderr).toContain(`http://${host}`);
  });

  it("a malformed model spec → one line with the accepted forms, exit 2", async () => {
    expect(await refused(argv`personas generate --country KEN --count 1 --model gpt4`, "badspec")).toMatch(
      /offline, openai:<model>.*anthropic:<model>, google:<model>, ollama:<model>, azure:<deployment>/,
    );
  });
});
