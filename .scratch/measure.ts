import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeOpenAIServer } from "../test/fake-openai-server.js";
import { runCliCaptured } from "../test/run-cli-captured.js";
import { chatAnswer } from "../test/fake-openai-completion.js";
const srv = await startFakeOpenAIServer({ hints: false, promptCaching: true });
const tmp = mkdtempSync(join(tmpdir(), "m-"));
for (const seed of [7, 8, 9]) {
  const from = srv.requests.length;
  const r = await runCliCaptured(["personas", "generate", "--country", "KEN", "--count", "1", "--seed", String(seed), "--model", `openai:fake-model@${srv.url}`, "--embeddings", "offline", "--no-cache", "--out", `p${seed}`], { cwd: tmp, env: { DEEPPERSONA_CACHE_DIR: join(tmp, "c") } });
  if (r.code) console.log(r.stderr);
  const chat = srv.requests.slice(from).filter((q) => q.path.endsWith("/chat/completions"));
  let p = 0, c = 0, cached = 0;
  for (const q of chat) { const u = chatAnswer(q.body as never, undefined, { hints: false }).usage; p += u.prompt_tokens; c += u.completion_tokens; }
  const persona = JSON.parse(readFileSync(join(tmp, `p${seed}`, "personas.jsonl"), "utf8").split("\n")[0]!);
  const filled = persona.attributes.filter((a: any) => a.status === "filled").length;
  const reasons = persona.attributes.filter((a: any) => a.status !== "filled").map((a: any) => a.reason).slice(0, 3);
  console.log({ seed, calls: chat.length, prompt: p, completion: c, attrs: persona.attributes.length, filled, usage: persona.usage, reasons });
}
await srv.close();
