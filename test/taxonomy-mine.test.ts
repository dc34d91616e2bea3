// issue 4 item 4 "done when": the stage-1 miner produces a valid tree from the fixture (offline
// model and fake server), merges it into a copy of the shipped taxonomy keeping it valid, resumes
// without repeating model calls, and rejects bad input lines before writing anything.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { runCliCaptured } from "./run-cli-captured.js";
import { dataPath } from "../core/package-root.js";
import { readTaxonomyPath } from "../persona-engine/taxonomy/read-taxonomy-path.js";
import { validateTaxonomy } from "../persona-engine/taxonomy/validate-taxonomy.js";
import { taxonomyStats } from "../persona-engine/taxonomy/taxonomy-stats.js";
import { writeTaxonomyFolder } from "../persona-engine/taxonomy/mine/taxonomy-folder.js";
import type { MiningStats } from "../persona-engine/taxonomy/mine/mining-stats.js";
import { startFakeOpenAIServer, type RecordedRequest } from "./fake-openai-server.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "conversations", "self-disclosure.jsonl");
const CONVERSATIONS = readFileSync(FIXTURE, "utf8").split("\n").filter(Boolean).length;
const tmp = tempDir("dp-mine-");
const env = { DEEPPERSONA_CACHE_DIR: join(tmp, "cache"), DEEPPERSONA_NO_CACHE: "1" }; // the tests count requests

const cli = (argv: string[]) => runCliCaptured(argv, { env, cwd: tmp });

const mine = (...args: string[]) => cli(["taxonomy", "mine", "--conversations", FIXTURE, "--json", ...args]);
const statsOf = (stdout: string) => JSON.parse(stdout) as MiningStats;

function problemsOf(target: string, full = false) {
  const read = readTaxonomyPath(target);
  return [...read.problems, ...validateTaxonomy(read.categories, { requireCategories: full })];
}

/** the shipped taxonomy in compiled json form (index.json + category files + src/) in a temp dir */
function taxonomyCopy(name: string): string {
  const dir = join(tmp, name);
  cpSync(dataPath("taxonomy"), dir, { recursive: true });
  if (!existsSync(join(dir, "index.json"))) {
    // sources not compiled yet: compile them the way scripts/compile-taxonomy.ts does
    const read = readTaxonomyPath(join(dir, "src"));
    const folder = {
      dir,
      format: "json" as const,
      index: {
        version: "1.0.0",
        content_hash: "",
        provenance: { source: "test", year: 2026, licence: "MIT", note: "test copy" },
        categories: [],
      },
      files: new Map<string, string>(),
      sources: new Map<string, string>(),
      sourceDir: undefined,
      categories: read.categories,
      problems: [],
    };
    writeTaxonomyFolder(
      folder,
      read.categories,
      read.categories.map((c) => c.name),
    );
  }
  return dir;
}

describe("taxonomy mine (offline model)", () => {
  let first: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    first = await mine("--model", "offline", "--out", "offline/mined.json");
  });

  it("runs the pipeline on the fixture and writes a tree that validates", async () => {
    expect(first.code, first.stderr).toBe(0);
    const stats = statsOf(first.stdout);
    expect(stats.conversations.unique).toBe(CONVERSATIONS);
    expect(stats.classified.done).toBe(CONVERSATIONS);
    const { fully, partially, not } = stats.personalisable;
    expect(fully + partially + not).toBe(CONVERSATIONS);
    expect(stats.extracted.done).toBe(fully + partially);
    expect(stats.candidates.paths).toBeGreaterThan(0);
    expect(stats.tree.leaves).toBeGreaterThan(0);
    const out = join(tmp, "offline", "mined.json");
    expect(problemsOf(out)).toEqual([]);
    const v = await cli(["taxonomy", "validate", out]);
    expect(v.code, v.stdout).toBe(0);
    expect(first.stderr).toMatch(/classify \d+\/\d+/);
  });

  it("keeps each classification with its reason, keyed by conversation id", () => {
    const lines = readFileSync(join(tmp, "offline", "mined.json.run", "classifications.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    expect(lines).toHaveLength(CONVERSATIONS);
    const rec = JSON.parse(lines[0] as string);
    expect(rec.key).toBe("sd-chama");
    expect(["not", "partially", "fully"]).toContain(rec.personalisable);
    expect(rec.reason.length).toBeGreaterThan(0);
  });

  it("merges into a copy of the shipped taxonomy (json + sources): adds nodes, stays valid, never duplicates", async () => {
    const dir = taxonomyCopy("tax-json");
    const before = taxonomyStats(readTaxonomyPath(dir).categories, "", []).nodes;
    const hashBefore = readJson(dir, "index.json").content_hash;
    // same run directory: the records are reused, the tree is rebuilt and merged
    const r = await mine("--model", "offline", "--out", "offline/mined.json", "--resume", "--merge-into", dir);
    expect(r.code, r.stderr).toBe(0);
    const stats = statsOf(r.stdout);
    expect(stats.model.calls).toBe(0);
    expect(stats.merge?.added_nodes).toBeGreaterThan(0);
    expect(problemsOf(dir, true)).toEqual([]);
    const after = readTaxonomyPath(dir);
    expect(taxonomyStats(after.categories, "", []).nodes).toBe(before + (stats.merge?.added_nodes ?? 0));
    const index = readJson(dir, "index.json");
    expect(index.content_hash).not.toBe(hashBefore);
    // the sources were updated alongside and describe the same tree
    if (existsSync(join(dir, "src"))) {
      expect(problemsOf(join(dir, "src"), true)).toEqual([]);
      const byName = (cs: typeof after.categories) => [...cs].sort((a, b) => a.name.localeCompare(b.name));
      expect(byName(readTaxonomyPath(join(dir, "src")).categories)).toEqual(byName(after.categories));
    }
    // merging the same tree again adds nothing
    const again = await mine("--model", "offline", "--out", "offline/mined.json", "--resume", "--merge-into", dir);
    expect(again.code, again.stderr).toBe(0);
    expect(statsOf(again.stdout).merge?.added_nodes).toBe(0);
    expect(problemsOf(dir, true)).toEqual([]);
  });

  it("merges into a folder of .txt sources", async () => {
    const dir = join(taxonomyCopy("tax-src"), "src");
    const r = await mine("--model", "offline", "--out", "offline/mined.json", "--resume", "--merge-into", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(statsOf(r.stdout).merge?.added_nodes).toBeGreaterThan(0);
    expect(problemsOf(dir, true)).toEqual([]);
  });
});

describe("taxonomy mine (fake OpenAI-compatible server)", () => {
  const server = suiteServer(() => startFakeOpenAIServer());
  const schemaName = (r: RecordedRequest) =>
    (r.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name;
  const chats = (from: number, name?: string) =>
    server.requests.slice(from).filter((r) => r.path === "/v1/chat/completions" && (name === undefined || schemaName(r) === name)).length;
  const models = () => ["--model", `openai:fake@${server.url}`, "--embeddings", `openai:fake-emb@${server.url}`];

  it("runs end to end with one classification and at most one extraction call per conversation", async () => {
    const start = server.requests.length;
    const r = await mine(...models(), "--out", "fake/mined.json", "--concurrency", "4");
    expect(r.code, r.stderr).toBe(0);
    const stats = statsOf(r.stdout);
    expect(chats(start, "personalisability")).toBe(CONVERSATIONS);
    expect(chats(start, "attribute_paths")).toBe(stats.extracted.done);
    expect(chats(start)).toBeLessThanOrEqual(2 * CONVERSATIONS);
    expect(server.requests.slice(start).filter((q) => q.path === "/v1/embeddings").length).toBe(stats.model.embedding_requests);
    expect(stats.model.embedding_requests).toBeGreaterThan(0);
    expect(problemsOf(join(tmp, "fake", "mined.json"))).toEqual([]);
  });

  it("--resume makes no model calls for conversations already done", async () => {
    const start = server.requests.length;
    const r = await mine(...models(), "--out", "fake/mined.json", "--resume");
    expect(r.code, r.stderr).toBe(0);
    expect(chats(start)).toBe(0);
    const stats = statsOf(r.stdout);
    expect(stats.classified).toMatchObject({ done: CONVERSATIONS, this_session: 0, resumed: CONVERSATIONS });
  });

  it("resumes a partial run: only the new conversations are sent", async () => {
    const a = server.requests.length;
    const r1 = await mine(...models(), "--out", "part/mined.json", "--limit", "20");
    expect(r1.code, r1.stderr).toBe(0);
    expect(chats(a, "personalisability")).toBe(20);
    const b = server.requests.length;
    const r2 = await mine(...models(), "--out", "part/mined.json", "--resume");
    expect(r2.code, r2.stderr).toBe(0);
    expect(chats(b, "personalisability")).toBe(CONVERSATIONS - 20);
    const stats = statsOf(r2.stdout);
    expect(stats.classified).toMatchObject({ done: CONVERSATIONS, this_session: CONVERSATIONS - 20, resumed: 20 });
    expect(chats(b, "attribute_paths")).toBe(stats.extracted.this_session);
  });

  it("an existing run directory needs --resume or --force", async () => {
    const r = await mine(...models(), "--out", "fake/mined.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--resume/);
  });
});

describe("taxonomy mine input errors", () => {
  it("a bad line → one line naming file:line, exit 2, nothing written", async () => {
    const file = join(tmp, "bad.jsonl");
    const good = readFileSync(FIXTURE, "utf8").split("\n").slice(0, 2).join("\n");
    writeFileSync(file, `${good}\n{"messages": [{"role": "robot", "content": "hi"}]}\n`);
    const r = await cli(["taxonomy", "mine", "--conversations", file, "--model", "offline", "--out", "bad/mined.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.jsonl:3: .*role/);
    expect(existsSync(join(tmp, "bad"))).toBe(false);
  });

  it("invalid JSON and a missing user message are located too", async () => {
    const file = join(tmp, "bad2.jsonl");
    writeFileSync(file, `{"messages": [{"role": "assistant", "content": "hello"}]}\n`);
    const r = await cli(["taxonomy", "mine", "--conversations", file, "--model", "offline", "--out", "bad2/mined.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad2\.jsonl:1: .*no user message/);
    writeFileSync(file, `{"messages": [}\n`);
    const r2 = await cli(["taxonomy", "mine", "--conversations", file, "--model", "offline", "--out", "bad2/mined.json"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/bad2\.jsonl:1: invalid JSON/);
    expect(existsSync(join(tmp, "bad2"))).toBe(false);
  });
});
