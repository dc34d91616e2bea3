// data/instruments, data/references and data/populations are exactly what the committed scripts
// generate from ../shared/data (skipped when ../shared is absent).
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataPath, packageRoot, sharedDataDir } from "../core/package-root.js";
import { tempDir } from "./temp-dir.js";

const shared = sharedDataDir();
const out = tempDir("dp-gen-data-");

function run(script: string, dir: string) {
  const tsx = join(packageRoot(), "node_modules", ".bin", "tsx");
  return spawnSync(tsx, [join(packageRoot(), "scripts", script), "--out", dir], { encoding: "utf8", cwd: packageRoot() });
}

describe.skipIf(!shared)("generated data matches the committed scripts", () => {
  if (!shared) it.skip("../shared/data is absent: skipped", () => {});
  it("build-instruments regenerates data/instruments byte for byte", () => {
    const r = run("build-instruments.ts", out);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["wvs.json", "bigfive.json", "bfi44.json", "mirrors.json"]) {
      expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(dataPath("instruments", f), "utf8"));
    }
  });
  it("build-references regenerates data/references byte for byte", () => {
    const r = run("build-references.ts", out);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["wvs7.json", "wvs7-conditional.json", "bigfive-culture-means.json"]) {
      expect(readFileSync(join(out, f), "utf8") === readFileSync(dataPath("references", f), "utf8"), f).toBe(true);
    }
  });
  it("build-populations regenerates data/populations (WPP, Pew, WVS-7 joint tables) byte for byte", () => {
    const dir = join(out, "populations");
    const r = run("build-populations.ts", dir);
    expect(r.status, r.stderr).toBe(0);
    const shipped = readdirSync(dataPath("populations"))
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort(),
    ).toEqual(shipped);
    expect(shipped.length).toBe(68);
    for (const f of shipped) expect(readFileSync(join(dir, f), "utf8") === readFileSync(dataPath("populations", f), "utf8"), f).toBe(true);
  });
});
