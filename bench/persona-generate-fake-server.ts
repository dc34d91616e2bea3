// issue 6 scaling: personas against the fake OpenAI-compatible server (its own process, like a
// real server) with simulated latency. ideal time = chat calls × latency ÷ concurrency; target:
// within 1.25× of it.
//   npx tsx bench/persona-generate-fake-server.ts [personas=200] [latencyMs=200] [concurrency=32]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { once } from "node:events";
import { runCli } from "../cli/run-cli.js";

const [count = 200, latencyMs = 200, concurrency = 32] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), "dp-bench-fake-"));
const server = spawn(
  process.execPath,
  ["--import", "tsx", join(import.meta.dirname, "..", "test", "fake-openai-server-process.ts"), "--latency", String(latencyMs)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const [chunk] = (await once(server.stdout!, "data")) as [Buffer];
const url = String(chunk).trim();
const env = { DEEPPERSONA_CACHE_DIR: join(dir, "cache") };
const run = async (argv: string[]) => {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d) => (text += String(d)));
  const code = await runCli({ argv, stdout: out, stderr: new PassThrough().resume(), env, cwd: dir });
  if (code !== 0) throw new Error(`exit ${code}`);
  return text;
};
const model = ["--model", `openai:fake-model@${url}`, "--embeddings", `openai:fake-embed@${url}`];
// warm the taxonomy embedding cache (once per model + taxonomy version)
await run(["personas", "generate", "--country", "KEN", "--count", "1", "--seed", "1", ...model, "--out", "warm"]);
const t = performance.now();
const summary = await run([
  "personas",
  "generate",
  "--countries",
  "KEN,DEU,BRA,IND",
  "--design",
  "equal",
  "--count",
  String(count),
  "--seed",
  "2",
  "--concurrency",
  String(concurrency),
  ...model,
  "--out",
  "run",
]);
const seconds = (performance.now() - t) / 1000;
const calls = Number(/calls (\d+)/.exec(summary)?.[1]);
const ideal = (calls * latencyMs) / 1000 / concurrency;
console.log(
  `${count} personas, ${calls} chat calls (${(calls / count).toFixed(2)}/persona), latency ${latencyMs} ms, concurrency ${concurrency}`,
);
console.log(`wall ${seconds.toFixed(2)} s; ideal ${ideal.toFixed(2)} s; ratio ${(seconds / ideal).toFixed(3)} (target ≤ 1.25)`);
server.kill("SIGTERM");
rmSync(dir, { recursive: true, force: true });
