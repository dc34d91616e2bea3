// the library as a user installs it: `npm pack` the built package (dist/ from `npm test`'s build;
// scripts are not run here), unpack the tarball into <tmp>/node_modules/deeppersona, link the
// repo's installed dependencies next to it (hermetic: no registry), then run the README's
// "Use it as a library" example with node and type-check a small TypeScript consumer against
// the packed .d.ts files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = readJson(root, "package.json") as {
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
  types: string;
};
let tmp = "";

function run(cmd: string, args: string[], cwd: string) {
  const res = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  return { code: res.status, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
}

/** the README's library example: the first ```js block after "## Use it as a library" */
function readmeExample(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use it as a library"));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m?.[1]) throw new Error("README has no ```js block under '## Use it as a library'");
  return m[1];
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "deeppersona-packed-"));
  const packed = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", tmp], root);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
  expect(tarball).toBeDefined();
  const dest = join(tmp, "node_modules", "deeppersona");
  mkdirSync(dest, { recursive: true });
  const untar = run("tar", ["-xzf", join(tmp, tarball as string), "-C", dest, "--strip-components=1"], tmp);
  expect(untar.code, untar.stderr).toBe(0);
  // the package's dependencies (and @types/node for the consumer type-check), from the repo's install
  for (const dep of [...Object.keys(pkg.dependencies), "@types/node"]) {
    const link = join(tmp, "node_modules", dep);
    mkdirSync(dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(join(root, "node_modules", dep), link, "dir");
  }
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("declares its entry point and types, and ships them", () => {
    expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    const dest = join(tmp, "node_modules", "deeppersona");
    expect(existsSync(join(dest, "dist", "index.js"))).toBe(true);
    expect(existsSync(join(dest, "dist", "index.d.ts"))).toBe(true);
    expect(existsSync(join(dest, "dist", "scenarios", "survey", "run-survey.d.ts"))).toBe(true);
    expect(existsSync(join(dest, "dist", "cli", "main.js"))).toBe(true);
  });

  it("runs the README example: 3 personas, a complete survey with metrics", () => {
    writeFileSync(join(tmp, "example.mjs"), readmeExample());
    const res = run(process.execPath, ["example.mjs"], tmp);
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    const out = res.stdout;
    expect(out).toMatch(/^sampled: (?:(?:male|female) \d+(?:, )?){5}$/m);
    expect(out).toMatch(/^personas: 3 KEN-1-0001, KEN-1-0002, KEN-1-0003$/m);
    expect(out).toMatch(/^status: complete files: responses,csv,metrics,report,html$/m);
    expect(out).toMatch(/^deep: js_distance 0\.\d+$/m);
    expect(out).toMatch(/^demographics: js_distance 0\.\d+$/m);
    expect(out).toMatch(/^js_distance: 0\.\d{3}$/m);
    const metrics = readJson(tmp, "runs", "example", "metrics.json") as {
      items: string[];
      arms: string[];
      personas_per_country: Record<string, number>;
    };
    expect(metrics.items).toEqual(["Q45", "Q46"]);
    expect(metrics.arms).toEqual(["deep", "demographics"]);
    expect(metrics.personas_per_country).toEqual({ KEN: 3 });
  }, 60_000);

  it("type-checks a TypeScript consumer against the packed .d.ts (NodeNext)", () => {
    writeFileSync(
      join(tmp, "consumer.ts"),
      [
        'import { samplePopulation, generatePersonas, runSurvey, runDiscussion, compareDistributions, type RunSurveyResult, type RunDiscussionResult, type Persona } from "deeppersona";',
        'const people = [...samplePopulation({ countries: ["KEN"], count: 2, seed: 1 })];',
        "const age: number | null = people[0]!.age;",
        'const result: Promise<RunSurveyResult> = runSurvey({ countries: ["KEN"], perCountry: 2, items: ["Q45"], arms: ["deep"], out: "x" });',
        "const js: number | null = compareDistributions({ counts: { 1: 1 } }, { counts: { 1: 1 } }).js_distance;",
        "const gen: AsyncGenerator<Persona> = generatePersonas({} as Parameters<typeof generatePersonas>[0]);",
        'const talk: Promise<RunDiscussionResult> = runDiscussion({ topic: "t", stance: "s?", countries: ["KEN"], perCountry: 4, out: "y" });',
        "export { age, result, js, gen, talk };",
        "",
      ].join("\n"),
    );
    // a wrong call must fail: proves the types are real, not `any`
    writeFileSync(join(tmp, "bad-consumer.ts"), 'import { runSurvey } from "deeppersona";\nrunSurvey({ perCountry: "ten" });\n');
    const tsc = join(root, "node_modules", ".bin", "tsc");
    const flags = argv`--noEmit --module NodeNext --moduleResolution NodeNext --target ES2022 --strict --skipLibCheck
      --types node`;
    const ok = run(tsc, [...flags, "consumer.ts"], tmp);
    expect(ok.stdout + ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const bad = run(tsc, [...flags, "bad-consumer.ts"], tmp);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/^bad-consumer\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/m);
  }, 60_000);
});
