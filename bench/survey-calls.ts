// survey answering against the fake OpenAI-compatible server with simulated latency: chat calls,
// prompt/completion tokens per persona and wall time vs the ideal (calls × latency ÷ concurrency),
// for --mode batched and --mode isolated. personas are generated offline first (no calls counted).
//   npx tsx bench/survey-calls.ts [personasPerCountry=25] [latencyMs=200] [concurrency=16]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../cli/run-cli.js";
import { startFakeOpenAIServer } from "../test/fake-openai-server.js";

const [perCountry = 25, latencyMs = 200, concurrency = 16] = process.argv.slice(2).map(Number);
const ITEMS = "Q45,Q46,Q57,Q184,Q218,Q254";
const dir = mkdtempSync(join(tmpdir(), "dp-bench-survey-"));
const env = { DEEPPERSONA_CACHE_DIR: join(dir, "cache") };
const run = async (argv: string[]) => {
  const sink = new PassThrough();
  sink.resume();
  const code = await runCli({ argv, stdout: sink, stderr: sink, env, cwd: dir });
  if (code !== 0) throw new Error(`exit ${code}: ${argv.join(" ")}`);
};
await run(["personas", "generate", "--countries", "KEN,DEU", "--per-country", String(perCountry), "--seed", "1", "--out", "personas"]);
const personas = 2 * perCountry;
const srv = await startFakeOpenAIServer({ latencyMs });
for (const mode of ["batched", "isolated"] as const) {
  srv.requests.length = 0;
  const t = performance.now();
  await run([
    "survey",
    "run",
    "--personas",
    "personas/personas.jsonl",
    "--items",
    ITEMS,
    "--mode",
    mode,
    "--concurrency",
    String(concurrency),
    "--model",
    `openai:fake@${srv.url}`,
    "--out",
    `survey-${mode}`,
  ]);
  const seconds = (performance.now() - t) / 1000;
  const chats = srv.requests.filter((r) => r.path === "/v1/chat/completions");
  const promptChars = chats.reduce((n, r) => n + JSON.stringify((r.body as { messages: unknown }).messages).length, 0);
  const ideal = (chats.length * latencyMs) / 1000 / concurrency;
  // the answering phase alone, from the run's events (tasks-start of responses.jsonl → last response)
  const events = readFileSync(join(dir, `survey-${mode}`, "events.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; ts: number; file?: string });
  const start = events.find((e) => e.type === "tasks-start" && e.file === "responses.jsonl")?.ts ?? 0;
  const phase = ((events.filter((e) => e.type === "response").at(-1)?.ts ?? start) - start) / 1000;
  console.log(
    `${mode.padEnd(8)} ${personas} personas × 6 items: ${chats.length} chat calls (${(chats.length / personas).toFixed(2)}/persona), ` +
      `≈${Math.round(promptChars / 4 / personas)} prompt tokens/persona; answering ${phase.toFixed(2)} s vs ideal ${ideal.toFixed(2)} s (ratio ${(phase / ideal).toFixed(2)}); ` +
      `whole command ${seconds.toFixed(2)} s; peak in flight ${srv.peakInFlight()}`,
  );
}
await srv.close();
rmSync(dir, { recursive: true, force: true });
