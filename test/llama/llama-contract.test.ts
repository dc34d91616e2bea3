// contract tests against a server implementation we did not write: llama.cpp's llama-server with
// a toy model (../shared/tools/llama-server; skipped cleanly when it is missing or does not run).
// the model writes gibberish, so only PROTOCOL outcomes are asserted: exit codes, every row
// recorded with a status, schemas the grammar enforces honoured, usage metered, server kind
// detected, logprob rows with probabilities, chunked taxonomy embeddings through the embeddings
// instance, and a run whose server is killed ends incomplete (exit 3) and resumes complete.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveEmbeddings } from "../../core/model/resolve-embeddings.js";
import { loadTaxonomy } from "../../persona-engine/taxonomy/load-taxonomy.js";
import { loadLeafEmbeddings, type EmbeddingProgress } from "../../persona-engine/taxonomy/taxonomy-embeddings.js";
import type { ResponseRecord } from "../../scenarios/survey/response-record.js";
import { runCliCaptured, type CapturedRun } from "../run-cli-captured.js";
import { llamaUnavailable, startLlama, type LlamaInstance } from "./llama-server-process.js";

const unavailable = llamaUnavailable();
const root = mkdtempSync(join(tmpdir(), "dp-llama-"));
const cache = join(root, "cache");
let chat: LlamaInstance | undefined;
let emb: LlamaInstance | undefined;

const run = (argv: string[], onStderr?: (s: string) => void): Promise<CapturedRun> =>
  runCliCaptured(argv, { env: { DEEPPERSONA_CACHE_DIR: cache }, ...(onStderr ? { onStderr } : {}) });
const model = () => ["--model", `openai:toylm@${chat?.url}`, "--request-timeout", "120000"];
const lines = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { status: string; models: Record<string, string> };
const personasFile = () => join(root, "personas", "personas.jsonl");
const STATUSES = ["ok", "refused", "invalid"];

function expectRows(dir: string, n: number): ResponseRecord[] {
  const rows = lines<ResponseRecord>(join(dir, "responses.jsonl"));
  expect(rows).toHaveLength(n);
  expect(new Set(rows.map((r) => r.key)).size).toBe(n);
  for (const r of rows) {
    expect(STATUSES).toContain(r.status);
    expect(r.usage.total_tokens).toBeGreaterThan(0);
    if (r.status === "invalid") expect(r.reason).toBeTruthy();
  }
  return rows;
}

describe.skipIf(unavailable !== undefined)("llama.cpp server contract (toy model)", () => {
  beforeAll(async () => {
    [chat, emb] = await Promise.all([startLlama("chat"), startLlama("embeddings")]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([chat?.kill(), emb?.kill()]);
    rmSync(root, { recursive: true, force: true });
  });

  it("personas generate --count 2: exit 0, both complete, the grammar keeps the identity limits, kind detected", async () => {
    const out = join(root, "personas");
    const r = await run([
      "personas",
      "generate",
      "--country",
      "KEN",
      "--count",
      "2",
      "--attributes",
      "20",
      "--concurrency",
      "2",
      ...model(),
      "--out",
      out,
    ]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("deeppersona: embeddings:"))).toHaveLength(1); // the one notice line
    expect(manifest(out)).toMatchObject({ status: "complete", models: { server_kind: "llamacpp", embeddings: "offline" } });
    const personas = lines<{
      life_story: { core_values: string[] };
      attributes: { status: string; value: string | null; reason?: string }[];
    }>(personasFile());
    expect(personas).toHaveLength(2);
    for (const p of personas) {
      expect(p.life_story.core_values.every((v) => v.length >= 2)).toBe(true); // minLength sent and enforced
      for (const a of p.attributes) {
        if (a.status === "filled")
          expect(a.value).toMatch(/[\p{L}\p{N}]/u); // no punctuation-only values
        else expect(a.reason).toBeTruthy();
      }
    }
    expect(r.stdout).toMatch(/calls \d+ {2}tokens in [1-9]/);
  }, 600_000);

  it("survey batched, isolated and logprob (Q48, Q164, Q240): every row recorded with a status", async () => {
    const personas = ["--personas", personasFile(), ...model(), "--concurrency", "2", "--bootstrap", "0"];
    const batched = await run([
      "survey",
      "run",
      ...personas,
      "--items",
      "Q45,Q46,Q57",
      "--mode",
      "batched",
      "--out",
      join(root, "batched"),
    ]);
    expect(batched.code, batched.stderr).toBe(0);
    expectRows(join(root, "batched"), 6);
    const isolated = await run(["survey", "run", ...personas, "--items", "Q46,Q57", "--mode", "isolated", "--out", join(root, "isolated")]);
    expect(isolated.code, isolated.stderr).toBe(0);
    expectRows(join(root, "isolated"), 4);
    // the toy model puts ~0.3% of its probability on the option letters: the default gate (0.5)
    // marks such answers invalid; --min-valid-mass 0 keeps them to check the protocol
    const logprob = await run([
      "survey",
      "run",
      ...personas,
      "--items",
      "Q48,Q164,Q240",
      "--answer",
      "logprob",
      "--min-valid-mass",
      "0",
      "--out",
      join(root, "logprob"),
    ]);
    expect(logprob.code, logprob.stderr).toBe(0);
    const rows = expectRows(join(root, "logprob"), 6);
    for (const r of rows.filter((x) => x.status === "ok")) {
      expect(Object.keys(r.probs ?? {})).toHaveLength(10);
      expect(r.valid_mass).toBeGreaterThan(0);
    }
  }, 600_000);

  it("Big Five batched, discuss (1 group, 1 round) and stress (1 probe): exit 0, every record has a status", async () => {
    const personas = ["--personas", personasFile(), ...model(), "--concurrency", "2", "--bootstrap", "0", "--profile-tokens", "400"];
    // ten of the fifty items (two per trait): the protocol is the same, the toy model writes a fifth
    const b5 = await run([
      "survey",
      "run",
      "--instrument",
      "bigfive",
      "--items",
      "EXT1,EXT2,AGR1,AGR2,CSN1,CSN2,EST1,EST2,OPN1,OPN2",
      "--mode",
      "batched",
      ...personas,
      "--out",
      join(root, "bigfive"),
    ]);
    expect(b5.code, b5.stderr).toBe(0);
    const b5rows = lines<ResponseRecord>(join(root, "bigfive", "responses.jsonl"));
    expect(b5rows).toHaveLength(2 * 10);
    expect(b5rows.every((r) => STATUSES.includes(r.status))).toBe(true);

    const discuss = await run([
      "discuss",
      ...personas,
      "--topic",
      "Should the town centre be car-free?",
      "--arms",
      "control",
      "--group-size",
      "2",
      "--rounds",
      "1",
      "--turn-words",
      "30",
      "--measure",
      "Q46",
      "--out",
      join(root, "discuss"),
    ]);
    expect([0, 1], discuss.stderr).toContain(discuss.code);
    const turns = lines<{ text: string; status?: string; reason?: string; usage: { total_tokens: number } }>(
      join(root, "discuss", "turns.jsonl"),
    );
    expect(turns).toHaveLength(2);
    for (const t of turns) {
      expect(t.usage.total_tokens).toBeGreaterThan(0);
      if (t.status === "invalid") expect(t.reason).toBeTruthy();
      else expect(t.text).toMatch(/[\p{L}\p{N}]/u);
    }

    const stress = await run(["stress", ...personas, "--probes", "med-meal-plan", "--turns", "1", "--out", join(root, "stress")]);
    expect([0, 1], stress.stderr).toContain(stress.code);
    expect(
      lines(join(root, "stress", "exchanges.jsonl")).length + lines(join(root, "stress", "conversations.jsonl")).length,
    ).toBeGreaterThan(0);
  }, 600_000);

  it("taxonomy embeddings through the embeddings instance: chunks with progress, then the cache", async () => {
    const full = loadTaxonomy();
    const taxonomy = { ...full, leaves: full.leaves.slice(0, 48), contentHash: `${full.contentHash}-first48` };
    const embeddings = await resolveEmbeddings(`openai:toylm-emb@${emb?.url}`, { timeoutMs: 60_000 });
    const progress: EmbeddingProgress[] = [];
    const opts = {
      taxonomy,
      embeddings,
      embeddingsSpec: `openai:toylm-emb@${emb?.url}`,
      baseURL: emb?.url,
      cacheDir: cache,
      chunkSize: 16,
      onProgress: (p: EmbeddingProgress) => progress.push(p),
    };
    const first = await loadLeafEmbeddings(opts);
    expect(first).toMatchObject({ fromCache: false, dims: 256 }); // the toy model's n_embd
    expect(progress.at(-1)).toMatchObject({ done: 48, total: 48, chunk: 3, chunks: 3 });
    expect(first.calls).toBe(1 + 3); // the fingerprint probe + 3 chunks
    const again = await loadLeafEmbeddings(opts);
    expect(again.fromCache).toBe(true);
    expect(again.matrix).toEqual(first.matrix);
  }, 600_000);

  it("the chat server killed mid-run → exit 3 incomplete naming the URL; back on its port, --resume completes", async () => {
    const out = join(root, "killed");
    const args = [
      "survey",
      "run",
      "--personas",
      personasFile(),
      ...model(),
      "--items",
      "Q45,Q46,Q57",
      "--mode",
      "isolated",
      "--concurrency",
      "1",
      "--bootstrap",
      "0",
      "--out",
      out,
    ];
    let killing: Promise<void> | undefined;
    const watch = setInterval(() => {
      if (!killing && lines(join(out, "responses.jsonl")).length >= 1) killing = chat?.kill();
    }, 20);
    const r = await run(args).finally(() => clearInterval(watch));
    await killing;
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`cannot reach ${chat?.url}`);
    expect(manifest(out).status).toBe("incomplete");
    const saved = lines(join(out, "responses.jsonl")).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    expect(saved).toBeLessThan(6);
    chat = await startLlama("chat", chat?.port);
    const resumed = await run([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectRows(out, 6);
  }, 600_000);
});

if (unavailable) {
  describe("llama.cpp server contract", () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
}
