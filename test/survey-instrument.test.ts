// issue 12 end to end, offline: every arm and depth ablation in one run, attributes_shown on every
// row, no persona carrying a mirror of an asked item, list questions answered once; a custom
// YAML questionnaire with and without --reference; a malformed one → exit 2 naming every problem.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInstrument } from "../surveys/load-instrument.js";
import { mirrorsFor } from "../surveys/load-mirrors.js";
import { parseUserReference } from "../surveys/user-reference.js";
import { checkQuestionnaire } from "../surveys/load-questionnaire-file.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import { testPersona } from "./fixtures/test-persona.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-instr-");

describe("survey run: arms, depths, batteries, mirrors (offline)", () => {
  const dir = join(root, "arms");
  const items = ["Q45", "Q57", "Q184", "Q8"];
  it("every arm and deep-<k> in one run; rows carry attributes_shown; no persona carries a mirror of Q45, Q57, Q184", async () => {
    const r = await cli(argv`survey run --instrument wvs --countries DEU,KEN --per-country 3 --items ${items.join(",")}
      --baseline uniform,tao2024,empty,demographics,cultural-prompting --depths 25,220 --seed 3 --bootstrap 0 --out ${dir}`);
    expect(r.code, r.stderr).toBe(0);
    const arms = ["deep", "uniform", "tao2024", "empty", "demographics", "cultural-prompting", "deep-25", "deep-220"];
    const metrics = readJson(dir, "metrics.json");
    expect(metrics.arms).toEqual(arms);
    for (const arm of arms) expect(metrics.status_counts[arm].rows, arm).toBe(6 * items.length);
    const rows = readRows(dir);
    for (const row of rows) expect(typeof row.attributes_shown, row.key).toBe("number");
    expect(new Set(rows.filter((x) => x.arm === "deep-25").map((x) => x.attributes_shown))).toEqual(new Set([25]));
    expect(new Set(rows.filter((x) => x.arm === "deep-220").map((x) => x.attributes_shown))).toEqual(new Set([220]));
    for (const arm of ["uniform", "empty", "tao2024", "cultural-prompting"])
      expect(
        rows.filter((x) => x.arm === arm).every((x) => x.attributes_shown === 0),
        arm,
      ).toBe(true);
    const uniform = rows.filter((x) => x.arm === "uniform");
    expect(uniform.every((x) => x.status === "ok" && x.usage.total_tokens === 0 && x.model === "uniform")).toBe(true);
    expect(new Set(rows.filter((x) => x.arm === "tao2024").map((x) => x.tao_variant))).toEqual(new Set([0, 1, 2, 3, 4, 5])); // rotated by persona index
    // Q8 is answered inside the "choose up to five" list question
    expect(rows.filter((x) => x.item === "Q8").every((x) => x.battery === "Q7-Q17")).toBe(true);
    // no pre-answers
    const mirrors = mirrorsFor(loadInstrument("wvs"), items);
    const paths = new Set(["Q45", "Q57", "Q184"].flatMap((id) => mirrors[id] ?? []));
    expect(paths.size).toBeGreaterThanOrEqual(3);
    const personas = readJsonl<Persona>(dir, "personas.jsonl");
    expect(personas).toHaveLength(6);
    for (const p of personas) {
      expect(p.attributes.filter((a) => paths.has(a.path))).toEqual([]);
      for (const path of paths) expect(p.excluded_mirrors).toContain(path);
    }
    expect(metrics.mirrors.items.Q184).toMatchObject({ personas: 6, with_mirror: 0, share: 0 });
    expect(metrics.order_effect.deep.DEU.Q184).toHaveProperty("total_variation");
    expect(metrics.refusal.deep.DEU.Q184).toHaveProperty("reference_dk_share");
  });

  it("--personas from elsewhere: metrics report the share of personas carrying a mirror", async () => {
    const file = join(root, "mirrored.jsonl");
    const trust = "Core Values, Beliefs and Philosophy > Interpersonal Trust > Most People Can Be Trusted";
    const personas = [1, 2, 3, 4].map((i) =>
      testPersona({
        id: `DEU-m-${i}`,
        country: "DEU",
        countryName: "Germany",
        index: i - 1,
        attributes:
          i <= 2
            ? [
                {
                  path: trust,
                  category: "Core Values, Beliefs and Philosophy",
                  tier: "mid",
                  status: "filled",
                  value: "Most People Can Be Trusted",
                  source: "llm",
                },
              ]
            : [],
      }),
    );
    writeFileSync(file, personas.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const out = join(root, "mirrored");
    const r = await cli(argv`survey run --personas ${file} --items Q57,Q46 --baseline uniform --bootstrap 0 --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    const m = readJson(out, "metrics.json").mirrors;
    expect(m.personas_generated).toBe(false);
    expect(m.items.Q57).toMatchObject({ personas: 4, with_mirror: 2, share: 0.5 });
    expect(m.items.Q46).toMatchObject({ with_mirror: 0 });
  });
});

const LIKERT_SINGLE = `id: tiny-survey
title: Tiny survey
items:
  - id: L1
    text: How satisfied are you with your neighbourhood?
    type: likert
    options:
      - { code: 1, label: Very dissatisfied }
      - { code: 2, label: Dissatisfied }
      - { code: 3, label: Neither }
      - { code: 4, label: Satisfied }
      - { code: 5, label: Very satisfied }
  - id: S1
    text: How do you usually get to work?
    type: single
    options:
      - { code: 1, label: Walking }
      - { code: 2, label: Public transport }
      - { code: 3, label: Car }
`;

describe("a questionnaire of your own", () => {
  const yaml = join(root, "tiny.yaml");
  writeFileSync(yaml, LIKERT_SINGLE);
  const personasFile = join(root, "tiny-personas.jsonl");
  writeFileSync(
    personasFile,
    [1, 2, 3, 4, 5, 6]
      .map((i) => JSON.stringify(testPersona({ id: `${i <= 3 ? "DEU" : "KEN"}-q-${i}`, country: i <= 3 ? "DEU" : "KEN", index: i })))
      .join("\n") + "\n",
  );

  it("a 5-point Likert and a single-choice item run offline; with --reference they get metrics against the user's answers", async () => {
    const plain = join(root, "tiny");
    const r = await cli(["survey", "run", "--instrument", yaml, "--personas", personasFile, "--bootstrap", "0", "--out", plain]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(plain);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((x) => x.instrument))).toEqual(new Set(["tiny-survey"]));
    const noRef = readJson(plain, "metrics.json");
    expect(noRef.results.deep.DEU.L1.comparison).toBeNull();

    const csv = join(root, "answers.csv");
    writeFileSync(
      csv,
      "country,sex,age,weight,L1,S1\nDEU,female,30,1,4,1\nDEU,male,50,2,5,2\nDEU,male,41,1,NA,3\nKEN,female,22,1,2,2\nKEN,male,60,1,3,2\n",
    );
    const scored = join(root, "tiny-ref");
    const s = await cli(argv`survey run --instrument ${yaml} --reference ${csv} --personas ${personasFile} --bootstrap 0
      --out ${scored}`);
    expect(s.code, s.stderr).toBe(0);
    const m = readJson(scored, "metrics.json");
    expect(m.results.deep.DEU.L1.reference.source).toContain("answers.csv");
    expect(typeof m.results.deep.DEU.L1.comparison.js_distance).toBe("number");
    expect(typeof m.results.deep.KEN.S1.comparison.total_variation).toBe("number");
    expect(m.refusal.deep.DEU.L1.reference_dk_share).toBeCloseTo(0.25, 12); // 1 of weight 4
    expect(readFileSync(join(scored, "report.md"), "utf8")).toContain("L1");
  });

  it("a malformed questionnaire → exit 2 naming every problem, nothing written", async () => {
    const bad = join(root, "bad.yaml");
    writeFileSync(
      bad,
      `id: Bad Survey\ntitle: Bad\nitems:\n  - id: L1\n    text: Happy?\n    type: likert\n    options: [{ code: 2, label: Yes }, { code: 1, label: No }]\n  - id: L1\n    text: Rate it\n    type: scale\n    min: 5\n    max: 1\n  - id: M1\n    text: Pick\n    type: multiple\n`,
    );
    const out = join(root, "bad-run");
    const r = await cli(["survey", "run", "--instrument", bad, "--personas", personasFile, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    for (const problem of [
      "id: a questionnaire id",
      "items.0.options: list options in ascending code order",
      "items.1.id: duplicate item id 'L1'",
      "items.1.max: max (1) must be greater than min (5)",
      "items.2.type",
    ])
      expect(r.stderr).toContain(problem);
    expect(existsSync(out)).toBe(false);
  });

  it("a stem that names a number the options contradict is a problem", () => {
    const text = `id: s\ntitle: S\nitems:\n  - id: A1\n    text: Where 1 means "very good", how is it?\n    type: single\n    options: [{ code: 1, label: Very bad }, { code: 2, label: Very good }]\n`;
    expect(checkQuestionnaire(text, "s.yaml").problems.join("\n")).toMatch(
      /items\.0\.text: A1: the stem says 1 means "very good" but option 1 reads "Very bad"/,
    );
  });

  it("the reference CSV: weighted shares, a multi column, and every bad column listed", () => {
    const inst = checkQuestionnaire(
      readFileSync(join(import.meta.dirname, "..", "examples", "community-survey.yaml"), "utf8"),
      "community-survey.yaml",
    ).instrument!;
    const ref = parseUserReference("C1,C4,weight\n5,1;3,3\n4,3,1\n,2,1\n", "r.csv", inst);
    expect(ref.countries).toEqual(["*"]);
    const c1 = ref.lookup("DEU", "C1")!;
    expect(c1.shares).toEqual([0, 0, 0, 0.25, 0.75]);
    expect(c1.dkShare).toBeCloseTo(0.2, 12);
    expect(ref.lookup("KEN", "C4_3")!.shares).toEqual([0.8, 0.2]); // mentioned by weight 4 of 5
    expect(() => parseUserReference("C1,C9,country\n7,1,DE\nx,2,DEU\n", "r.csv", inst)).toThrow(
      /column 'C9': not a closed item.*column 'country': not an ISO3 code in row 2.*column 'C1': not one of the codes 1, 2, 3, 4, 5 .* in rows 2, 3/,
    );
  });
});

describe("--items with a list question's id", () => {
  it("Q18-Q26 asks its recorded member (Q19) as one list question; a multi id asks its options", async () => {
    const file = join(root, "list-personas.jsonl");
    writeFileSync(file, [1, 2].map((i) => JSON.stringify(testPersona({ id: `DEU-l-${i}`, country: "DEU", index: i }))).join("\n") + "\n");
    const out = join(root, "list");
    const r = await cli(["survey", "run", "--personas", file, "--items", "Q18-Q26,Q46", "--bootstrap", "0", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(out);
    expect(new Set(rows.map((x) => x.item))).toEqual(new Set(["Q19", "Q46"]));
    expect(
      rows.filter((x) => x.item === "Q19").every((x) => x.battery === "Q18-Q26" && x.prompt_version.endsWith("answer-battery@1")),
    ).toBe(true);
    const custom = join(root, "list-custom");
    const c = await cli(argv`survey run --instrument ${join(import.meta.dirname, "..", "examples", "community-survey.yaml")}
      --personas ${file} --items C4 --baseline uniform --bootstrap 0 --out ${custom}`);
    expect(c.code, c.stderr).toBe(0);
    const crow = readRows(custom);
    expect(crow).toHaveLength(2 * 2 * 5);
    // uniform lists respect "choose up to three"
    for (const p of ["DEU-l-1", "DEU-l-2"])
      expect(crow.filter((x) => x.arm === "uniform" && x.persona_id === p && x.value === 1).length).toBeLessThanOrEqual(3);
  });
});
