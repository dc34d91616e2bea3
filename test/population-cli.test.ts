// `deeppersona population list|sample|check` in-process through runCli.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./run-cli-captured.js";
import { DemographicRecordSchema } from "../persona-engine/population/demographic-record.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { readJsonl } from "./read-jsonl.js";

const cli = (argv: string[], cwd = process.cwd()) => runCliCaptured(argv, { cwd });

const tmp = tempDir("dp-population-");

describe("population list", () => {
  it("--json lists ≥ 62 countries with their tables", async () => {
    const r = await cli(["population", "list", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { country: string; name: string; tables: { variable: string; id: string; status: string }[] }[];
    expect(list.length).toBeGreaterThanOrEqual(62);
    const deu = list.find((c) => c.country === "DEU")!;
    expect(deu.name).toBe("Germany");
    expect(deu.tables.find((t) => t.variable === "age_sex")?.id).toBe("wpp2019.age_sex");
    expect(list.find((c) => c.country === "USA")!.tables.find((t) => t.variable === "employment")?.status).toBe("survey_proxy");
    expect(list.find((c) => c.country === "USA")!.tables.find((t) => t.variable === "household_size")?.status).toBe("unavailable");
    expect(list.find((c) => c.country === "FRA")!.tables.find((t) => t.variable === "employment")?.status).toBe("donor_proxy");
    expect(deu.tables.find((t) => t.variable === "occupation_group")?.status).toBe("modelled");
  });

  it("prints a readable table without --json", async () => {
    const r = await cli(["population", "list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/DEU\s+Germany/);
  });
});

describe("population sample", () => {
  it("jsonl: one valid record per line, same seed → same bytes, other seed → different", async () => {
    const a = await cli(["population", "sample", "--country", "DEU", "--count", "300", "--seed", "1", "--format", "jsonl"]);
    expect(a.code).toBe(0);
    const lines = a.stdout.trim().split("\n");
    expect(lines).toHaveLength(300);
    for (const l of lines) DemographicRecordSchema.parse(JSON.parse(l));
    const b = await cli(["population", "sample", "--country", "DEU", "--count", "300", "--seed", "1"]);
    expect(b.stdout).toBe(a.stdout);
    const c = await cli(["population", "sample", "--country", "DEU", "--count", "300", "--seed", "2"]);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it("csv: header with the required fields and one row per record", async () => {
    const r = await cli(["population", "sample", "--country", "KEN", "--count", "50", "--format", "csv"]);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split("\n");
    for (const f of [
      "country",
      "sex",
      "age",
      "education",
      "marital_status",
      "employment",
      "occupation_group",
      "income_decile",
      "religion",
      "settlement",
    ]) {
      expect(header!.split(",")).toContain(f);
    }
    expect(rows).toHaveLength(50);
  });

  it("--out writes the file atomically (no temp file left); the proportional multi-country split", async () => {
    const out = join(tmp, "multi.jsonl");
    const r = await cli(["population", "sample", "--countries", "DEU,USA", "--count", "1000", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const recs = readJsonl<{ country: string }>(out);
    expect(recs).toHaveLength(1000);
    expect(recs.filter((x) => x.country === "USA").length).toBeGreaterThan(700);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--design equal and --quota", async () => {
    const r = await cli(argv`population sample --countries DEU,USA --count 100 --design equal --quota sex=female:0.5,male:0.5`);
    expect(r.code).toBe(0);
    const recs = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { country: string; sex: string });
    expect(recs.filter((x) => x.country === "DEU").length).toBe(50);
    expect(recs.filter((x) => x.sex === "female").length).toBe(50);
  });

  const bad: [string, string[], RegExp][] = [
    ["unknown country with close matches", ["--country", "DEX", "--count", "5"], /unknown country 'DEX'; close matches: .*DEU/],
    ["count 0", ["--country", "DEU", "--count", "0"], /--count must be an integer from 1 to 10000000, got '0'/],
    ["non-integer count", ["--country", "DEU", "--count", "2.5"], /--count must be an integer from 1 to 10000000, got '2.5'/],
    ["malformed quota", ["--country", "DEU", "--count", "5", "--quota", "sex-female"], /malformed quota/],
    ["quota for an unknown variable", ["--country", "DEU", "--count", "5", "--quota", "colour=red:1"], /unknown variable 'colour'/],
    ["quota for an unknown level", ["--country", "DEU", "--count", "5", "--quota", "sex=other:1"], /unknown level 'other'/],
    ["unknown format", ["--country", "DEU", "--count", "5", "--format", "xml"], /--format/],
  ];
  for (const [what, args, msg] of bad) {
    it(`bad input (${what}) → one line, exit 2, nothing written`, async () => {
      const out = join(tmp, `bad-${what.replace(/\W+/g, "-")}.jsonl`);
      const r = await cli(["population", "sample", ...args, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("bad input leaves an existing --out file untouched", async () => {
    const out = join(tmp, "keep.jsonl");
    writeFileSync(out, "previous\n");
    const r = await cli(["population", "sample", "--country", "DEU", "--count", "abc", "--out", out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
  });
});

describe("population check", () => {
  it("--json: per-variable TVD within 0.012 at n = 100,000", async () => {
    const r = await cli(["population", "check", "--country", "DEU", "--count", "100000", "--seed", "1", "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { pass: boolean; max_tvd: number; variables: { variable: string; tvd: number | null }[] };
    expect(rep.pass).toBe(true);
    expect(rep.max_tvd).toBeLessThanOrEqual(0.012);
    expect(rep.variables.map((v) => v.variable)).toEqual(expect.arrayContaining(["age_sex", "education_level", "religion", "settlement"]));
  });

  it("--json adds per country the conditional TVDs and the plausibility block", async () => {
    const r = await cli(["population", "check", "--country", "JPN,USA", "--count", "100000", "--seed", "1", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as {
      reports: {
        country: string;
        conditionals: { conditional: string; weighted_mean_tvd: number }[];
        plausibility: { share: number; rules: { id: string; count: number }[] };
      }[];
    };
    expect(body.reports.map((x) => x.country)).toEqual(["JPN", "USA"]);
    for (const rep of body.reports) {
      const names = rep.conditionals.map((c) => c.conditional);
      expect(names).toEqual(
        expect.arrayContaining([
          "employment | sex × age_group",
          "marital_status | sex × age_group",
          "income_decile | education_level × age_group",
          "religion | age_group",
        ]),
      );
      expect(rep.plausibility.rules.find((x) => x.id === "retired-under-30")!.count).toBe(0);
      expect(rep.plausibility.share).toBeLessThanOrEqual(0.005);
    }
    const txt = await cli(["population", "check", "--country", "JPN", "--count", "20000", "--seed", "1"]);
    expect(txt.stdout).toMatch(/employment \| sex × age_group/);
    expect(txt.stdout).toMatch(/plausibility/);
  });

  it("unknown country → one line, exit 2", async () => {
    const r = await cli(["population", "check", "--country", "Atlantis"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
