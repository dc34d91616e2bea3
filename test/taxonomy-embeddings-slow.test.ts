// the taxonomy embedding step against a deliberately slow embeddings server (fake, 200 ms per
// request): chunked requests with progress lines, the cache filled incrementally; a run killed
// mid-fill (SIGKILL) resumes the fill from the partial cache instead of starting over; another
// model behind the same name and URL (other vectors) is a different cache entry. spawns the bin.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTaxonomy } from "../persona-engine/taxonomy/load-taxonomy.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { argv } from "./argv.js";
import { runBin, type BinExit } from "./run-bin.js";
import { suiteServer } from "./suite-server.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-emb-slow-");
const cache = join(root, "cache");
const LEAVES = loadTaxonomy().leaves.length;
const BATCH = 256;
const CHUNKS = Math.ceil(LEAVES / BATCH);
const srv = suiteServer(() => startFakeOpenAIServer({ latencyMs: 200 }));

const args = (out: string) => argv`personas generate --country KEN --count 1 --attributes 30 --model offline
  --embeddings openai:slow-emb@${srv.url} --embedding-batch ${BATCH} --cache-dir ${cache} --out ${join(root, out)} --force`;
const embeddingPosts = () => srv.requests.filter((r) => r.path === "/v1/embeddings");
const partialRows = () => {
  const f = existsSync(cache) ? readdirSync(cache).find((n) => n.endsWith(".partial")) : undefined;
  return f ? Math.floor((statSync(join(cache, f)).size / 4 - 1) / 64) : 0; // fake vectors: 64 dims
};

const run = (argv: string[], killAtRows?: number): Promise<BinExit> =>
  runBin(argv, {
    env: { ...process.env, DEEPPERSONA_CACHE_DIR: cache },
    ...(killAtRows === undefined ? {} : { killWhen: () => partialRows() >= killAtRows }),
  });

describe("taxonomy embeddings from a slow server", () => {
  it("a killed fill resumes from the partial cache; the step goes in chunks with progress", async () => {
    const killed = await run(args("killed"), 4 * BATCH);
    expect(killed.signal).toBe("SIGKILL");
    const sentBefore = embeddingPosts().length;
    const left = partialRows();
    expect(left).toBeGreaterThanOrEqual(4 * BATCH);
    expect(left).toBeLessThan(LEAVES);

    const resumed = await run(args("resumed"));
    expect(resumed.code, resumed.stderr).toBe(0);
    const lines = resumed.stderr.split("\n").filter((l) => l.startsWith("taxonomy embeddings:"));
    expect(lines.at(-1)).toMatch(
      new RegExp(`^taxonomy embeddings: ${LEAVES}/${LEAVES} \\(chunk \\d+/\\d+, ${left} resumed from the cache\\)$`),
    );
    expect(lines.length).toBeGreaterThan(2);
    const chunksLeft = Math.ceil((LEAVES - left) / BATCH);
    // this session: 1 probe + the chunks still missing + 1 for the persona's core profile
    expect(embeddingPosts().length - sentBefore).toBe(1 + chunksLeft + 1);
    expect(chunksLeft).toBeLessThan(CHUNKS);
    const sizes = embeddingPosts()
      .slice(sentBefore + 1, sentBefore + 1 + chunksLeft)
      .map((r) => ((r.body as { input: string[] }).input ?? []).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(LEAVES - left);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH);
    expect(existsSync(cache) && readdirSync(cache).some((n) => n.endsWith(".partial"))).toBe(false);

    // warm: only the probe and the persona's own embedding
    const warm = await run(args("warm"));
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).not.toMatch(/taxonomy embeddings:/);
  }, 120_000);

  it("other vectors behind the same model name and URL → a new cache entry, not stale vectors", async () => {
    const before = readdirSync(cache).filter((n) => n.endsWith(".f32")).length;
    srv.set({ embeddingDims: 32, latencyMs: 0 });
    const r = await run(args("other-model"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`taxonomy embeddings: ${LEAVES}/${LEAVES}`));
    expect(readdirSync(cache).filter((n) => n.endsWith(".f32")).length).toBe(before + 1);
  }, 120_000);
});
