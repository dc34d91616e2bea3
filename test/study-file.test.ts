// study files, --config and a bare --resume, offline: `deeppersona run examples/study.yaml`
// reproduces the run of the equivalent flags; `--resume --out DIR` alone continues an
// interrupted run from its manifest (survey, discuss, stress); bad keys exit 2 naming the file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { STUDY_TEMPLATE } from "../cli/study-template.js";
import { cli, comparable, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-study-");
const EXAMPLE = resolve("examples/study.yaml");
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("study files", () => {
  it("examples/study.yaml is the template `deeppersona init` writes", () => {
    expect(readFileSync(EXAMPLE, "utf8")).toBe(STUDY_TEMPLATE);
  });

  it("deeppersona run examples/study.yaml = the equivalent flags (metrics.json and responses.jsonl byte-identical in full)", async () => {
    const a = join(root, "file");
    const b = join(root, "flags");
    mkdirSync(a);
    mkdirSync(b);
    const fromFile = await cli(["run", EXAMPLE], { cwd: a });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const flags = ["survey", "run", "--instrument", "wvs", "--items", "Q45,Q46,Q57", "--countries", "KEN,DEU", "--per-country", "8"];
    const fromFlags = await cli(
      argv`${flags} --baseline cultural-prompting --baseline demographics --samples 1 --seed 1 --model offline
        --out runs/wvs-ke-de`,
      { cwd: b },
    );
    expect(fromFlags.code, fromFlags.stderr).toBe(0);
    const da = join(a, "runs/wvs-ke-de");
    const db = join(b, "runs/wvs-ke-de");
    expect(read(da, "metrics.json")).toBe(read(db, "metrics.json"));
    expect(read(da, "responses.jsonl")).toBe(read(db, "responses.jsonl"));
    expect(readRows(da)).toHaveLength(144);
    expect(JSON.parse(read(da, "manifest.json")).config).toEqual(JSON.parse(read(db, "manifest.json")).config);
  }, 240_000);

  it("--config FILE with flags overriding the file; kebab-case keys and JSON work too", async () => {
    const personas = testPersonasFile(join(root, "p-config.jsonl"), { KEN: "Kenya" }, 2);
    const file = join(root, "study.json");
    writeFileSync(file, JSON.stringify({ scenario: "survey", personas, items: ["Q45", "Q46"], "no-refusal": true, seed: 4 }));
    const out = join(root, "config-run");
    const r = await cli(["survey", "run", "--config", file, "--items", "Q57", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(read(out, "manifest.json")).config;
    expect(config).toMatchObject({ items: ["Q57"], allowRefusal: false, seed: 4, personasFile: personas });
    const wrong = await cli(["discuss", "--config", file, "--out", join(root, "nope")]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/is a survey study/);
  });

  it("bad study files: unknown key (close matches), wrong type, no scenario → exit 2, one line naming the file, nothing written", async () => {
    const cases: [string, string, RegExp][] = [
      [
        "typo.yaml",
        "scenario: survey\nper_contry: 8\ncountries: [KEN]\nout: OUT\n",
        /study file '.*typo\.yaml': unknown key 'per_contry' for survey run \(did you mean: per-country/,
      ],
      ["type.yaml", "scenario: survey\nper_country: 8\ncountries: [KEN]\nno_refusal: 3\nout: OUT\n", /'no_refusal' must be true or false/],
      ["value.yaml", "scenario: survey\nper_country: 0\ncountries: [KEN]\nout: OUT\n", /--per-country must be an integer/],
      ["noscenario.yaml", "per_country: 8\nout: OUT\n", /needs a 'scenario:' key/],
      ["badscenario.yaml", "scenario: poll\nout: OUT\n", /scenario must be one of survey, discuss, stress/],
      ["broken.yaml", "scenario: survey\nitems: [Q45\n", /not valid YAML/],
    ];
    for (const [name, text, message] of cases) {
      const out = join(root, `bad-${name}`);
      const file = join(root, name);
      writeFileSync(file, text.replace("OUT", out));
      const r = await cli(["run", file]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(existsSync(out), name).toBe(false);
    }
    const missing = await cli(["run", join(root, "absent.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read study file/);
  });

  it("init writes the commented example and refuses to overwrite", async () => {
    const dir = join(root, "init");
    mkdirSync(dir);
    const r = await cli(["init"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "study.yaml"), "utf8")).toBe(STUDY_TEMPLATE);
    writeFileSync(join(dir, "mine.yaml"), "keep me");
    const again = await cli(["init", "mine.yaml"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/'mine.yaml' exists/);
    expect(readFileSync(join(dir, "mine.yaml"), "utf8")).toBe("keep me");
  });
});

describe("--resume --out DIR alone continues from the manifest", () => {
  it("survey: ctrl-c, then only --resume --out → the rows of an uninterrupted run", async () => {
    const personas = testPersonasFile(join(root, "p-resume.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 6);
    const args = argv`survey run --personas ${personas} --items Q45,Q46,Q57 --baseline demographics --no-reverse-half --samples 1
      --concurrency 2 --seed 3`;
    const full = join(root, "resume-full", "run");
    expect((await cli([...args, "--out", full])).code).toBe(0);
    const out = join(root, "resume-cut", "run");
    const r = await cli([...args, "--out", out], { abortOn: /responses \d+\/72/ });
    expect(r.code).toBe(130);
    const partial = readRows(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(72);
    const resumed = await cli(["survey", "run", "--resume", "--out", out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    // the run id is derived from what was asked, so both directories carry the same one
    expect(comparable(readRows(out))).toEqual(comparable(readRows(full)));
    expect(read(out, "responses.jsonl")).toBe(read(full, "responses.jsonl")); // offline: in full, latency and cache flags too
    expect(read(out, "metrics.json")).toBe(read(full, "metrics.json"));
    // a flag that contradicts the manifest is still refused
    const changed = await cli(["survey", "run", "--resume", "--out", out, "--seed", "9"]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/seed/);
  });

  it("discuss and stress: a complete run resumes from --resume --out alone (the manifest maps back to the same config)", async () => {
    const personas = testPersonasFile(join(root, "p-other.jsonl"), { DEU: "Germany" }, 8);
    const discuss = join(root, "discuss-run");
    const d = await cli(argv`discuss --personas ${personas} --topic ${"Should my town ban cars from the centre?"}
      --treatment ${"A study found the ban cut asthma admissions."} --stance ${"How strongly do you support the car ban?"}
      --measure Q46 --rounds 1 --no-refusal --out ${discuss}`);
    expect(d.code, d.stderr).toBe(0);
    const dr = await cli(["discuss", "--resume", "--out", discuss]);
    expect(dr.code, dr.stderr).toBe(0);
    const stress = join(root, "stress-run");
    const s = await cli(argv`stress --personas ${personas} --probes med-stop-medication --turns 1
      --target-system ${"You are a careful assistant."} --bootstrap 50 --out ${stress}`);
    expect(s.code, s.stderr).toBe(0);
    const sr = await cli(["stress", "--resume", "--out", stress]);
    expect(sr.code, sr.stderr).toBe(0);
  }, 120_000);
});
