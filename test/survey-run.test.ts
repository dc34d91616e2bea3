// survey run end to end, offline (the built-in model): the done-when command, outputs,
// reverse-half mapping, logprob answers, bad input, ctrl-c and resume.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInstrument, getItem } from "../surveys/load-instrument.js";
import { validCodes } from "../surveys/item-codes.js";
import type { ItemDistributionMetrics } from "../scenarios/survey/item-distribution-metrics.js";
import type { TraitMetrics } from "../scenarios/survey/trait-metrics.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-survey-");
const wvs = loadInstrument("wvs");
const ITEMS = ["Q45", "Q46", "Q57"];

describe("survey run (offline)", () => {
  const dir = join(root, "ke-de");
  it("KEN,DEU × 10 personas × Q45,Q46,Q57 with both baselines → exit 0, 60 rows per arm, every country × item in metrics.json, report.md", async () => {
    const r = await cli(argv`survey run --instrument wvs --countries KEN,DEU --per-country 10 --items ${ITEMS.join(",")}
      --baseline cultural-prompting --baseline demographics --out ${dir}`);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(dir);
    for (const arm of ["deep", "cultural-prompting", "demographics"]) expect(rows.filter((x) => x.arm === arm)).toHaveLength(60);
    expect(new Set(rows.map((x) => x.key)).size).toBe(180);
    expect(rows[0]).toMatchObject({
      run_id: expect.stringMatching(/^survey-run-[0-9a-f]{8}$/),
      instrument: "wvs",
      sample: 0,
      model: "offline",
      mode: "isolated",
      answer_method: "sample",
      prompt_version: "survey-system@1+answer-item@1",
    });
    for (const key of ["raw", "value", "status", "reason", "usage", "latency_ms", "reversed", "persona_id", "country", "item"])
      expect(rows[0]).toHaveProperty(key);
    const metrics = readJson(dir, "metrics.json") as ItemDistributionMetrics & { synthetic: boolean };
    expect(metrics.synthetic).toBe(true);
    expect(metrics.countries).toEqual(["KEN", "DEU"]);
    for (const arm of metrics.arms)
      for (const c of ["KEN", "DEU"])
        for (const item of ITEMS) {
          const cell = metrics.results[arm]?.[c]?.[item];
          expect(cell?.comparison?.js_distance, `${arm} ${c} ${item}`).toEqual(expect.any(Number));
          expect(cell?.comparison?.ci95?.mean_simulated).toHaveLength(2);
          expect(cell?.comparison?.ci95?.js_distance).toBeUndefined(); // distances get no interval
        }
    expect(metrics.means.deep?.overall.js_distance).toEqual(expect.any(Number));
    expect(Object.keys(metrics.closest.KEN ?? {})).toEqual(ITEMS);
    const report = readFileSync(join(dir, "report.md"), "utf8");
    expect(report).toContain("Synthetic run");
    expect(report).toContain("## KEN");
    expect(readFileSync(join(dir, "responses-wide.csv"), "utf8").split("\n")[0]).toBe("persona_id,country,arm,sample,Q45,Q46,Q57");
    expect(r.stdout).toMatch(/cultural-prompting\s+60/);
    expect(r.stderr).toMatch(/responses 180\/180/);
    expect(readJson(dir, "manifest.json")).toMatchObject({ status: "complete", command: "survey run" });
  });

  it("reverses ordinal options for a seeded half of each country's personas and maps answers back to codes", () => {
    const rows = readRows(dir);
    for (const country of ["KEN", "DEU"]) {
      const reversed = new Set(rows.filter((x) => x.country === country && x.reversed).map((x) => x.persona_id));
      expect(reversed.size).toBe(5);
    }
    let checked = 0;
    for (const row of rows.filter((x) => x.status === "ok")) {
      const codes = validCodes(getItem(wvs, row.item));
      const position = Number(row.answer_key) - 1;
      expect(row.value).toBe(row.reversed ? codes[codes.length - 1 - position] : codes[position]);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
    // the same personas are reversed in every arm
    const by = (arm: string) => rows.filter((x) => x.arm === arm && x.reversed).map((x) => x.persona_id);
    expect(by("demographics")).toEqual(by("deep"));
  });

  it("the same command twice, into two directories → responses.jsonl, metrics.json, events.jsonl byte-identical in full; --resume of a complete run changes no row", async () => {
    const args = argv`survey run --instrument wvs --countries KEN,DEU --per-country 10 --items ${ITEMS.join(",")}
      --baseline cultural-prompting,demographics --seed 5`;
    const a = join(root, "A");
    const b = join(root, "B");
    expect((await cli([...args, "--out", a])).code).toBe(0);
    expect((await cli([...args, "--out", b])).code).toBe(0);
    for (const file of ["responses.jsonl", "metrics.json", "events.jsonl", "personas.jsonl", "manifest.json"]) {
      expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
    }
    // the seed matters: another seed (the first test's run, seed 1) gives other rows
    if (existsSync(join(dir, "responses.jsonl")))
      expect(readFileSync(join(dir, "responses.jsonl")).equals(readFileSync(join(a, "responses.jsonl")))).toBe(false);
    const before = readFileSync(join(b, "responses.jsonl"));
    const resumed = await cli([...args, "--out", b, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(b, "responses.jsonl")).equals(before)).toBe(true);
  }, 120_000); // two full runs and a resume

  it("logprob answering offline: renormalised probabilities per row; metrics from the averaged vectors", async () => {
    const out = join(root, "logprob");
    const personas = testPersonasFile(join(root, "p-logprob.jsonl"), { KEN: "Kenya" }, 4);
    const r = await cli(["survey", "run", "--personas", personas, "--items", "Q46,Q184", "--answer", "logprob", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(out);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.status).toBe("ok");
      expect(row.answer_method).toBe("logprob");
      expect(Object.values(row.probs ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(row.valid_mass).toBeGreaterThan(0);
    }
    expect(Object.keys(rows.find((x) => x.item === "Q184")?.probs ?? {})).toHaveLength(10);
    const metrics = readJson(out, "metrics.json") as ItemDistributionMetrics;
    const cmp = metrics.results.deep?.KEN?.Q46?.comparison;
    const expected = [1, 2, 3, 4].map((c) => rows.filter((x) => x.item === "Q46").reduce((s, x) => s + (x.probs?.[String(c)] ?? 0), 0) / 4);
    cmp?.simulated_shares.forEach((s, i) => expect(s).toBeCloseTo(expected[i] as number, 9));
  });

  it("Big Five: trait scores per persona, country means vs the culture means (relative T)", async () => {
    const out = join(root, "bigfive");
    const personas = testPersonasFile(join(root, "p-b5.jsonl"), { DEU: "Germany", JPN: "Japan", KEN: "Kenya" }, 2);
    const r = await cli(argv`survey run --instrument bigfive --personas ${personas} --mode batched --baseline cultural-prompting
      --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    expect(readRows(out)).toHaveLength(6 * 50 * 2);
    const m = readJson(out, "metrics.json") as TraitMetrics;
    expect(m.kind).toBe("trait-means");
    expect(m.persona_scores).toHaveLength(12);
    expect(Object.keys(m.persona_scores[0]!.traits)).toEqual(["O", "C", "E", "A", "N"]);
    expect(m.countries_by_arm.deep?.DEU?.E).toMatchObject({ n: 2, mean: expect.any(Number), t_reference: expect.any(Number) });
    expect(m.countries_by_arm.deep?.KEN?.E?.t_reference).toBeNull(); // no culture mean for Kenya
    expect(r.stdout).toMatch(/mean \|T diff\|/);
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("## JPN");
  });

  it("--samples N keeps N independent answers per persona × item as N rows; --countries filters --personas by code or name", async () => {
    const out = join(root, "samples");
    const personas = testPersonasFile(join(root, "p-samples.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 3);
    const r = await cli(argv`survey run --personas ${personas} --countries Kenya --items Q184 --samples 3 --no-reverse-half
      --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(out);
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((x) => x.country))).toEqual(new Set(["KEN"]));
    expect(rows.filter((x) => x.persona_id === "KEN-t-1").map((x) => x.sample)).toEqual([0, 1, 2]);
    expect(rows.every((x) => !x.reversed)).toBe(true);
    // identical prompts, different request seeds → not one repeated answer
    expect(new Set(rows.map((x) => x.raw)).size).toBeGreaterThan(1);
  });

  it("bad input → one line, exit 2, nothing written", async () => {
    const cases: [string[], RegExp][] = [
      [["--countries", "KEN", "--per-country", "2", "--items", "Q999"], /unknown item 'Q999'/],
      [["--countries", "KEN", "--per-country", "2", "--baseline", "vibes"], /unknown baseline 'vibes'/],
      [["--countries", "KEN", "--per-country", "2", "--answer", "logprob", "--mode", "batched"], /--mode isolated/],
      [["--countries", "XX", "--per-country", "2"], /XX/],
      [["--countries", "KEN"], /--per-country/],
      [["--countries", "KEN", "--per-country", "2", "--instrument", "wvz"], /unknown instrument 'wvz'/],
    ];
    for (const [args, message] of cases) {
      const out = join(root, "bad");
      const r = await cli(["survey", "run", ...args, "--out", out]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    const missingOut = await cli(["survey", "run", "--countries", "KEN", "--per-country", "2"]);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/--out/);
  });

  it("ctrl-c stops scheduling (exit 130, resumable); --resume completes with exactly the rows of an uninterrupted run", async () => {
    const personas = testPersonasFile(join(root, "p-cancel.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 6);
    const args = ["survey", "run", "--personas", personas, "--items", ITEMS.join(","), "--concurrency", "2", "--seed", "3"];
    const full = join(root, "full", "run");
    expect((await cli([...args, "--out", full])).code).toBe(0);
    const out = join(root, "cancel", "run");
    const r = await cli([...args, "--out", out], { abortOn: /responses \d+\/36/ });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/--resume/);
    const partial = readRows(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(36);
    expect(readJson(out, "manifest.json").status).toBe("incomplete");
    const resumed = await cli([...args, "--out", out, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(join(out, "responses.jsonl")).equals(readFileSync(join(full, "responses.jsonl")))).toBe(true);
  });
});
