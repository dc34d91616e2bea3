// survey run --weights: personas deliberately unbalanced (80% women, too many rural and lower-
// educated) answered by the offline model. rake (the default) must bring the weighted margins to
// the population tables, use those weights in the distributions, and cost precision (Kish n < n);
// --weights none must give the design-weighted figures the rake run keeps alongside.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, readRows, TEST_CACHE_DIR } from "./survey-cli.js";
import { runSurvey } from "../scenarios/survey/run-survey.js";
import { testPersona } from "./fixtures/test-persona.js";
import { populationRakeTargets } from "../scenarios/calibrate/population-rake-targets.js";
import { rakePersonaWeights } from "../scenarios/calibrate/rake-persona-weights.js";
import { personaInfo } from "../scenarios/survey/survey-metrics.js";
import type { SurveyMetrics } from "../scenarios/survey/survey-metrics.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-survey-weights-");
const ITEMS = ["Q45", "Q46", "Q57"];

/** 40 DEU personas: 32 women, ages 20–79, education 20% lower / 50% middle / 30% higher, 20% rural */
function unbalancedPersonas(): Persona[] {
  return Array.from({ length: 40 }, (_, i) => {
    const p = testPersona({ id: `DEU-u-${i + 1}`, country: "DEU", countryName: "Germany" });
    const sex = i % 5 === 4 ? "male" : "female";
    const edu = i % 10 < 2 ? "lower" : i % 10 < 7 ? "middle" : "higher";
    p.anchors = p.anchors.map((a) =>
      a.field === "sex"
        ? { ...a, value: sex }
        : a.field === "age"
          ? { ...a, value: 20 + ((i * 7) % 60) }
          : a.field === "settlement"
            ? { ...a, value: i % 5 === 2 ? "rural" : "urban" }
            : a,
    );
    p.anchors.push({ field: "education_level", value: edu, source: "survey-table" });
    return p;
  });
}

type Metrics = Extract<SurveyMetrics, { kind: "item-distributions" }>;
const readMetrics = (dir: string) => readJson(dir, "metrics.json") as Metrics;

describe("survey run --weights (offline, unbalanced personas)", () => {
  const file = join(root, "unbalanced.jsonl");
  const personas = unbalancedPersonas();
  writeFileSync(file, personas.map((p) => JSON.stringify(p)).join("\n") + "\n");
  const args = argv`survey run --personas ${file} --countries DEU --items ${ITEMS.join(",")} --baseline demographics
    --bootstrap 200`;
  const rakeDir = join(root, "rake");
  const noneDir = join(root, "none");

  it("rake (the default): weighted sex share = the population table within 0.01, n_eff < n, the distributions weighted, unweighted alongside", async () => {
    const r = await cli([...args, "--out", rakeDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/weights: personas raked to the population tables \(DEU Kish n \d+\.\d of 40\)/);
    const m = readMetrics(rakeDir);
    const w = m.weights;
    if (!w || w.kind !== "rake" || !("by_country" in w)) throw new Error("no raking in metrics.json");
    const deu = w.by_country.DEU;
    expect(deu?.converged).toBe(true);
    expect(deu?.n).toBe(40);
    expect(deu?.kish_n).toBeLessThan(40);
    expect(deu?.kish_n).toBeGreaterThan(5);
    // the sex share of the population table vs the raked personas' (recomputed from personas.jsonl)
    const target = populationRakeTargets("DEU").sex_age as Record<string, number>;
    const targetFemale = Object.entries(target)
      .filter(([k]) => k.startsWith("female|"))
      .reduce((a, [, v]) => a + v, 0);
    const raked = rakePersonaWeights(personas.map(personaInfo));
    const total = personas.reduce((a, p) => a + (raked.weights.get(p.id) as number), 0);
    const female = personas
      .filter((p) => p.anchors.find((a) => a.field === "sex")?.value === "female")
      .reduce((a, p) => a + (raked.weights.get(p.id) as number), 0);
    expect(female / total).toBeCloseTo(targetFemale, 2);
    expect(Math.abs(female / total - targetFemale)).toBeLessThan(0.01);
    const margin = Object.entries(deu?.margins.sex_age ?? {}).filter(([k]) => k.startsWith("female|"));
    expect(Math.abs(margin.reduce((a, [, x]) => a + x.weighted, 0) - targetFemale)).toBeLessThan(0.01);
    expect(margin.reduce((a, [, x]) => a + x.unweighted, 0)).toBeCloseTo(0.8, 6);
    // every cell's simulated shares are the raked-weighted shares of its answers
    const rows = readRows(rakeDir);
    for (const item of ITEMS) {
      const cell = m.results.deep?.DEU?.[item];
      const comparison = cell?.comparison;
      if (!comparison) throw new Error(`no comparison for ${item}`);
      const ok = rows.filter((x) => x.arm === "deep" && x.item === item && x.status === "ok" && x.value !== null);
      const sw = ok.reduce((a, x) => a + (raked.weights.get(x.persona_id) as number), 0);
      comparison.support.forEach((code, j) => {
        const s = ok.filter((x) => x.value === code).reduce((a, x) => a + (raked.weights.get(x.persona_id) as number), 0) / sw;
        expect(comparison.simulated_shares[j], `${item} code ${code}`).toBeCloseTo(s, 6);
        expect(cell.unweighted?.simulated_shares[j]).toBeCloseTo(ok.filter((x) => x.value === code).length / ok.length, 6);
      });
      expect(comparison.n_simulated).toBe(ok.length);
      expect(cell.kish_n_simulated).toBeLessThan(ok.length);
      // fidelity's floor and bootstrap at Kish's n of the raked weights
      expect(m.fidelity.cells.deep?.DEU?.[item]?.n_eff).toBeLessThan(ok.length);
    }
    expect(m.unweighted?.fidelity_pooled.deep?.overall.value).toEqual(expect.any(Number));
    expect(m.unweighted?.fidelity_pooled.deep?.overall.value).not.toBe(m.fidelity.pooled.deep?.overall.value);
    const report = readFileSync(join(rakeDir, "report.md"), "utf8");
    expect(report).toMatch(
      /- weights: raked per country to the population tables .*DEU Kish n \d+\.\d of 40.*unweighted pooled fidelity: deep /,
    );
    expect(readFileSync(join(rakeDir, "report.html"), "utf8")).toMatch(/<dt>weights<\/dt><dd>raked per country/);
  });

  it("--weights none: the design-weighted metrics the rake run keeps alongside, no raking", async () => {
    const r = await cli([...args, "--weights", "none", "--out", noneDir]);
    expect(r.code, r.stderr).toBe(0);
    const m = readMetrics(noneDir);
    const rake = readMetrics(rakeDir);
    expect(m.weights?.kind).toBe("none");
    expect(m).not.toHaveProperty("unweighted");
    expect(m.fidelity.pooled).toEqual(rake.unweighted?.fidelity_pooled);
    for (const item of ITEMS) {
      const cell = m.results.deep?.DEU?.[item];
      expect(cell).not.toHaveProperty("kish_n_simulated");
      const { n_simulated, simulated_shares, ks, wasserstein, js_distance, total_variation, mean_diff } = cell?.comparison ?? ({} as never);
      expect({ n_simulated, simulated_shares, ks, wasserstein, js_distance, total_variation, mean_diff }).toEqual(
        rake.results.deep?.DEU?.[item]?.unweighted,
      );
      expect(m.fidelity.cells.deep?.DEU?.[item]?.n_eff).toBe(cell?.comparison?.n_simulated);
    }
    expect(readFileSync(join(noneDir, "report.md"), "utf8")).toContain("- weights: none");
  });

  it("the weighting is analysis only: same run id either way, and --resume --weights none recomputes the metrics of the same answers", async () => {
    expect(readMetrics(noneDir).run_id).toBe(readMetrics(rakeDir).run_id);
    const again = join(root, "rake-then-none");
    cpSync(rakeDir, again, { recursive: true });
    const r = await cli(["survey", "run", "--resume", "--out", again, "--weights", "none"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(again, "metrics.json"), "utf8")).toBe(readFileSync(join(noneDir, "metrics.json"), "utf8"));
    expect(readFileSync(join(again, "responses.jsonl"), "utf8")).toBe(readFileSync(join(rakeDir, "responses.jsonl"), "utf8"));
  });

  it("a study file's `weights: none` and runSurvey's spec.weights make the same run as the flag", async () => {
    const study = join(root, "study.yaml");
    writeFileSync(
      study,
      `scenario: survey\npersonas: ${file}\ncountries: DEU\nitems: [${ITEMS.join(", ")}]\nbaseline: demographics\nbootstrap: 200\nweights: none\n`,
    );
    const viaStudy = join(root, "study-none");
    const r = await cli(["run", study, "--out", viaStudy]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(viaStudy, "metrics.json"), "utf8")).toBe(readFileSync(join(noneDir, "metrics.json"), "utf8"));
    const viaLibrary = join(root, "library-none");
    const out = await runSurvey({
      personas,
      countries: ["DEU"],
      items: ITEMS,
      arms: ["deep", "demographics"],
      spec: { bootstrap: 200, weights: "none" },
      cacheDir: TEST_CACHE_DIR,
      out: viaLibrary,
    });
    expect(out.status).toBe("complete");
    const lib = readMetrics(viaLibrary);
    expect(lib.weights?.kind).toBe("none");
    expect(lib).not.toHaveProperty("unweighted");
    expect(lib.fidelity.cells.deep?.DEU?.Q45?.n_eff).toBe(lib.results.deep?.DEU?.Q45?.comparison?.n_simulated);
  });

  it("--weights must be none or rake; rake needs population tables for a personas file's countries", async () => {
    const bad = await cli([...args, "--weights", "ipf", "--out", join(root, "bad")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("deeppersona survey run: --weights must be none or rake, got 'ipf'");
    const elsewhere = join(root, "nowhere.jsonl");
    writeFileSync(elsewhere, JSON.stringify(testPersona({ id: "ZZZ-1", country: "ZZZ", countryName: "Nowhere" })) + "\n");
    const out = join(root, "nowhere");
    const none = await cli(["survey", "run", "--personas", elsewhere, "--items", "Q45", "--out", out]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe(
      "deeppersona survey run: --weights rake: no population tables for the personas of 'ZZZ' (deeppersona population list); pass --weights none",
    );
    expect(existsSync(out)).toBe(false);
  });
});
