// issue 6 "done when": offline determinism and depth, and the call/token limits against the fake
// OpenAI-compatible server, verified from the server's request log.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCliCaptured, type RunCliCapturedOptions } from "./run-cli-captured.js";
import { PersonaSchema, type Persona } from "../persona-engine/persona/persona-schema.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { estimateTokens } from "../core/usage/estimate-tokens.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";

const tmp = tempDir("dp-personas-");
const env = { DEEPPERSONA_CACHE_DIR: join(tmp, "cache") };

const cli = (argv: string[], opts: RunCliCapturedOptions = {}) => runCliCaptured(argv, { env, cwd: tmp, ...opts });

const readPersonas = (dir: string): Persona[] =>
  readFileSync(join(dir, "personas.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => PersonaSchema.parse(JSON.parse(l)));

describe("personas generate (offline)", () => {
  const args = ["personas", "generate", "--country", "KEN", "--count", "20", "--seed", "7"];
  let personas: Persona[];

  beforeAll(async () => {
    const r = await cli([...args, "--out", "ken-a"]);
    expect(r.code, r.stderr).toBe(0);
    personas = readPersonas(join(tmp, "ken-a"));
  });

  it("makes 20 deep personas: ≥ 200 filled attributes, all 12 categories, 5:3:2 tiers", () => {
    expect(personas).toHaveLength(20);
    for (const p of personas) {
      expect(p.country).toBe("KEN");
      expect(p.attributes.filter((a) => a.status === "filled").length).toBeGreaterThanOrEqual(200);
      expect(new Set(p.attributes.map((a) => a.category)).size).toBe(12);
      const sampled = p.attributes.filter((a) => a.tier !== "core");
      const share = (t: string) => sampled.filter((a) => a.tier === t).length / sampled.length;
      expect(Math.abs(share("near") - 0.5)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(share("mid") - 0.3)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(share("far") - 0.2)).toBeLessThanOrEqual(0.05);
      expect(p.summary.split(/\s+/).length).toBeLessThanOrEqual(300);
      expect(p.summary).toMatch(/[.!?]["'”’)]?$/);
      expect(p.synthetic_notice).toMatch(/offline/);
    }
  });

  it("anchors come from the country tables, each with its table", () => {
    for (const p of personas) {
      const age = p.anchors.find((a) => a.field === "age")!;
      expect(age.source).toBe("census");
      expect(age.table).toMatch(/wpp2019/);
      const sex = p.attributes.find((a) => a.path.endsWith("Sex and Gender > Sex"))!;
      expect(sex).toMatchObject({ tier: "core", source: "census" });
      const edu = p.anchors.find((a) => a.field === "education")!;
      expect(edu.source).toBe("survey-table");
      expect(edu.table).toBeTruthy();
      // demographic values are never written by the model
      const llmDemo = p.attributes.filter((a) => a.tier === "core" && a.source === "llm").map((a) => a.path.split(" > ").at(-1));
      expect(llmDemo.sort()).toEqual(["Full Name", "Home City or Town", "Home Region"]);
    }
  });

  it("same command twice → byte-identical personas.jsonl", async () => {
    const r = await cli([...args, "--out", "ken-b", "--concurrency", "3"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(tmp, "ken-b", "personas.jsonl"), "utf8")).toBe(readFileSync(join(tmp, "ken-a", "personas.jsonl"), "utf8"));
  });

  it("a different seed gives different personas", async () => {
    const r = await cli(["personas", "generate", "--country", "KEN", "--count", "2", "--seed", "8", "--out", "ken-c"]);
    expect(r.code, r.stderr).toBe(0);
    const other = readPersonas(join(tmp, "ken-c"));
    expect(other[0]!.anchors).not.toEqual(personas[0]!.anchors);
  });

  it("50 IND personas: each call has its own request seed, so no two share a name (nor a name and town)", async () => {
    const r = await cli(["personas", "generate", "--country", "IND", "--count", "50", "--seed", "11", "--out", "ind-50"]);
    expect(r.code, r.stderr).toBe(0);
    const ind = readPersonas(join(tmp, "ind-50"));
    expect(ind).toHaveLength(50);
    const town = (p: Persona) => p.attributes.find((a) => a.path.endsWith("Home City or Town"))?.value;
    expect(new Set(ind.map((p) => p.name)).size).toBe(50);
    expect(new Set(ind.map((p) => `${p.name}|${town(p)}`)).size).toBe(50);
    // personas with the same anchors still differ: their calls are keyed by persona id
    const sameAnchors = new Map<string, Persona[]>();
    for (const p of ind)
      sameAnchors.set(JSON.stringify(p.anchors.map((a) => [a.field, a.value])), [
        ...(sameAnchors.get(JSON.stringify(p.anchors.map((a) => [a.field, a.value]))) ?? []),
        p,
      ]);
    for (const group of sameAnchors.values()) expect(new Set(group.map((p) => p.life_story.core_values.join("|"))).size).toBe(group.length);
  });

  it("stats report depth, tiers, sources and diversity", async () => {
    const r = await cli(["personas", "stats", "ken-a", "--json"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.personas).toBe(20);
    expect(s.filled_per_persona.min).toBeGreaterThanOrEqual(200);
    expect(s.categories_covered.all_12_share).toBe(1);
    expect(s.source_shares.census).toBeGreaterThan(0);
    expect(s.uniqueness_jaccard).toBeGreaterThan(0);
    expect(s.uniqueness_jaccard).toBeLessThan(0.5);
  });

  it("show prints a readable profile; an unknown id is one line, exit 2", async () => {
    const ok = await cli(["personas", "show", "ken-a", "--id", personas[1]!.id]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(personas[1]!.name);
    const bad = await cli(["personas", "show", "ken-a", "--id", "KEN-7-9999"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses to overwrite a run directory without --resume or --force", async () => {
    const r = await cli([...args, "--out", "ken-a"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--resume|--force/);
  });
});

describe("personas generate against the fake OpenAI-compatible server", () => {
  const srv = suiteServer(() => startFakeOpenAIServer());

  it("stays within 8 chat calls, 1 embedding call, 12k prompt and 6k completion tokens per persona", async () => {
    const model = `openai:fake-model@${srv.url}`;
    const embeddings = `openai:fake-embed@${srv.url}`;
    // first run warms the taxonomy embedding cache (computed once per model + taxonomy version)
    const warm = await cli(argv`personas generate --country KEN --count 1 --seed 3 --model ${model} --embeddings ${embeddings}
      --out fake-warm`);
    expect(warm.code, warm.stderr).toBe(0);
    // one persona per run, so each run's slice of the server log is exactly one persona's requests
    const personasLog: (typeof srv.requests)[] = [];
    for (const seed of [7, 8, 9, 10]) {
      const from = srv.requests.length;
      const r = await cli(argv`personas generate --country KEN --count 1 --seed ${seed} --model ${model}
        --embeddings ${embeddings} --out fake-run-${seed}`);
      expect(r.code, r.stderr).toBe(0);
      personasLog.push(srv.requests.slice(from).filter((q) => q.method === "POST"));
    }
    for (const reqs of personasLog) {
      const chat = reqs.filter((q) => q.path.endsWith("/chat/completions"));
      const emb = reqs.filter((q) => q.path.endsWith("/embeddings"));
      expect(chat.length).toBeGreaterThanOrEqual(6); // 2 life-story + ≥ 3 fill batches + summary
      expect(chat.length).toBeLessThanOrEqual(8);
      expect(emb.length).toBe(2); // the cache-key probe + the core profile; taxonomy embeddings come from the cache
      const promptTokens = chat.reduce((sum, q) => {
        const body = q.body as { messages: { content: unknown }[]; response_format?: unknown };
        const chars = body.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n").length;
        return sum + estimateTokens("x".repeat(chars)) + (body.response_format ? estimateTokens(JSON.stringify(body.response_format)) : 0);
      }, 0);
      expect(promptTokens).toBeLessThanOrEqual(12_000);
    }
    for (const p of [7, 8, 9, 10].flatMap((seed) => readPersonas(join(tmp, `fake-run-${seed}`)))) {
      expect(p.usage.calls).toBeLessThanOrEqual(8);
      expect(p.usage.input_tokens).toBeLessThanOrEqual(12_000);
      expect(p.usage.output_tokens).toBeLessThanOrEqual(6_000);
      expect(p.attributes.filter((a) => a.status === "filled").length).toBeGreaterThanOrEqual(200);
    }
  });

  it("--temperature/--top-p reach every persona request, each request with its own seed; the manifest records them and the server", async () => {
    const from = srv.requests.length;
    const r = await cli(argv`personas generate --country KEN --count 2 --seed 3 --model openai:fake-model --base-url ${srv.url}
      --embeddings openai:fake-embed@${srv.url} --temperature 0.7 --top-p 0.9 --out fake-sampling`);
    expect(r.code, r.stderr).toBe(0);
    const chat = srv.requests.slice(from).filter((q) => q.path.endsWith("/chat/completions"));
    expect(chat.length).toBeGreaterThanOrEqual(12);
    for (const q of chat) expect(q.body).toMatchObject({ temperature: 0.7, top_p: 0.9 });
    const seeds = chat.map((q) => (q.body as { seed?: number }).seed);
    expect(seeds.every((x) => typeof x === "number")).toBe(true);
    expect(new Set(seeds).size).toBe(chat.length);
    const manifest = readJson(tmp, "fake-sampling", "manifest.json");
    expect(manifest.models.chat).toBe(`openai:fake-model@${srv.url}`);
    expect(manifest.config).toMatchObject({ temperature: 0.7, top_p: 0.9 });
  });

  it("--budget-usd stops before the cap with a resumable run (exit 3); --resume with a larger cap finishes", async () => {
    const prices = join(tmp, "prices.json");
    writeFileSync(
      prices,
      JSON.stringify({ source: "test", as_of: "2026-01-01", models: { "fake-priced": { inputPerMillion: 1000, outputPerMillion: 1000 } } }),
    );
    const model = `openai:fake-priced@${srv.url}`;
    const args = argv`personas generate --country KEN --count 6 --seed 4 --concurrency 1 --model ${model} --embeddings offline
      --prices ${prices} --out budget-run`;
    // ≈ 11k + 2k tokens at $1000/M ≈ $13 per persona; the guard reserves $18 (12k + 6k) per persona in flight
    const first = await cli([...args, "--budget-usd", "40"]);
    expect(first.code, first.stderr).toBe(3);
    expect(first.stdout).toMatch(/budget/);
    const done = readPersonas(join(tmp, "budget-run")).length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(6);
    const cost = Number(/est\. cost \$([\d.]+)/.exec(first.stdout)?.[1]);
    expect(cost).toBeLessThanOrEqual(40);
    expect(readJson(tmp, "budget-run", "manifest.json").status).toBe("incomplete");
    const second = await cli([...args, "--budget-usd", "500", "--resume"]);
    expect(second.code, second.stderr).toBe(0);
    expect(readPersonas(join(tmp, "budget-run")).map((p) => p.id)).toEqual([
      "KEN-4-0001",
      "KEN-4-0002",
      "KEN-4-0003",
      "KEN-4-0004",
      "KEN-4-0005",
      "KEN-4-0006",
    ]);
  });

  it("a malformed --prices file is one line, exit 2", async () => {
    const bad = join(tmp, "bad-prices.json");
    writeFileSync(bad, "{ not json");
    const r = await cli(["personas", "generate", "--country", "KEN", "--count", "1", "--prices", bad, "--out", "bad-prices-run"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("personas generate: interrupt and resume", () => {
  it("ctrl-c mid-run exits 130; --resume ends byte-identical to an uninterrupted run", async () => {
    const args = argv`personas generate --countries KEN,DEU --design equal --count 12 --seed 5 --concurrency 2`;
    const whole = await cli([...args, "--out", "resume-ref"]);
    expect(whole.code, whole.stderr).toBe(0);
    const first = await cli([...args, "--out", "resume-run"], { abortOn: /personas [4-9]\/12/ });
    expect(first.code).toBe(130);
    const partial = readFileSync(join(tmp, "resume-run", "personas.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(12);
    const manifest = readJson(tmp, "resume-run", "manifest.json");
    expect(manifest.status).toBe("incomplete");
    const second = await cli([...args, "--out", "resume-run", "--resume"]);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(tmp, "resume-run", "personas.jsonl"), "utf8")).toBe(
      readFileSync(join(tmp, "resume-ref", "personas.jsonl"), "utf8"),
    );
  });
});
