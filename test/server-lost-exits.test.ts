// one exit policy for a model server that goes away mid-run: before any work is saved → exit 2
// naming the server (as the start-up check does); once work is saved → the run ends
// `incomplete`, exit 3, with the URL in the message, and --resume completes it once the server
// is back (same port). the server "dies" by closing its port while a request hangs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-server-lost-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya" }, 4);
const open: FakeOpenAIServer[] = [];
afterAll(() => Promise.all(open.map((s) => s.close().catch(() => undefined))));

/** a server that closes its port when the `dieAt`-th chat request arrives */
async function dyingServer(dieAt: number, port = 0): Promise<FakeOpenAIServer> {
  const srv = await startFakeOpenAIServer({}, port);
  open.push(srv);
  let chats = 0;
  srv.set({
    handler: (req) => {
      if (req.path !== "/v1/chat/completions" || ++chats !== dieAt) return undefined;
      setTimeout(() => void srv.close(), 20);
      return "hang";
    },
  });
  return srv;
}
const manifest = (dir: string) => readJson(dir, "manifest.json") as { status: string; status_reason?: string };
const portOf = (url: string) => Number(new URL(url).port);

describe("a lost model server", () => {
  it("survey run: rows saved → exit 3, incomplete, URL named; --resume completes once it is back", async () => {
    const srv = await dyingServer(7);
    const out = join(root, "survey");
    const args = argv`survey run --personas ${personas} --items Q45,Q46,Q57 --mode isolated --concurrency 1
      --model openai:fake@${srv.url} --out ${out}`;
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`cannot reach ${srv.url}`);
    expect(r.stderr).toMatch(/--resume/);
    expect(manifest(out).status).toBe("incomplete");
    expect(readRows(out)).toHaveLength(6);
    const back = await startFakeOpenAIServer({}, portOf(srv.url));
    open.push(back);
    const resumed = await cli([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readRows(out)).toHaveLength(12);
    expect(new Set(readRows(out).map((x) => x.key)).size).toBe(12);
  }, 90_000);

  it("personas generate: a persona saved → exit 3 incomplete; nothing saved yet → exit 2; both name the URL", async () => {
    const after = await dyingServer(12);
    const out = join(root, "personas-after");
    const r = await cli(argv`personas generate --country KEN --count 3 --attributes 30 --concurrency 1
      --model openai:fake@${after.url} --embeddings offline --out ${out}`);
    expect(r.code, r.stderr + r.stdout).toBe(3);
    expect(r.stdout).toContain(`cannot reach ${after.url}`);
    expect(manifest(out).status).toBe("incomplete");
    expect(readFileSync(join(out, "personas.jsonl"), "utf8").split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(1);

    const before = await dyingServer(1);
    const out2 = join(root, "personas-before");
    const r2 = await cli(argv`personas generate --country KEN --count 2 --attributes 30 --concurrency 1
      --model openai:fake@${before.url} --embeddings offline --out ${out2}`);
    expect(r2.code, r2.stderr + r2.stdout).toBe(2);
    expect(r2.stdout + r2.stderr).toContain(`cannot reach ${before.url}`);
  }, 120_000);
});
