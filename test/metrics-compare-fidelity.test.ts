// `metrics compare` fidelity end to end (issue 13 "done when"): 50 answers per item drawn from the
// shipped DEU WVS-7 reference score fidelity ≈ 1 (CI containing 1 for most items, mean ≥ 0.8);
// 50 uniform answers score ≈ 0 (mean ≤ 0.2). per item the JSON has floor, uniform and fidelity with ci.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { loadReference, referenceItems } from "../surveys/references/load-reference.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { tempDir } from "./temp-dir.js";

const dir = tempDir("dp-fidelity-cli-");

const N = 50;
const items = referenceItems("DEU");

function csv(name: string, draw: (codes: number[], shares: number[]) => number): string {
  const rng = createRng(`fidelity-cli:${name}`);
  const cols = items.map((q) => {
    const ref = loadReference("DEU", q);
    const r = rng.fork(q);
    return Array.from({ length: N }, () => draw.call(r, ref.codes, ref.shares));
  });
  const lines = [["id", ...items].join(",")];
  for (let i = 0; i < N; i++) lines.push([String(i), ...cols.map((c) => String(c[i]))].join(","));
  const p = join(dir, `${name}.csv`);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

interface Fid {
  value: number | null;
  ci: [number, number] | null;
}

describe("metrics compare: floor, uniform, fidelity", () => {
  it("real-distribution draws score fidelity ≈ 1; uniform draws ≈ 0", async () => {
    const real = csv("real", function (this: ReturnType<typeof createRng>, codes, shares) {
      return codes[this.weightedIndex(shares)] as number;
    });
    const uniform = csv("uniform", function (this: ReturnType<typeof createRng>, codes) {
      return codes[this.int(codes.length)] as number;
    });
    const run = async (file: string) => {
      const r = await runCliCaptured(
        ["metrics", "compare", "--simulated", file, "--reference", "wvs:DEU", "--json", "--bootstrap", "300"],
        { cwd: dir },
      );
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as {
        questions: Record<
          string,
          { floor: Record<string, number>; uniform: Record<string, number>; fidelity: Fid & Record<string, Fid>; ks: number | null }
        >;
        average: { fidelity: Fid };
      };
    };
    const a = await run(real);
    const qs = Object.values(a.questions);
    expect(qs.length).toBe(items.length);
    for (const q of qs) {
      expect(q.floor.js_distance).toBeGreaterThan(0);
      expect(q.uniform.js_distance).toBeGreaterThan(q.floor.js_distance as number);
      expect(q.fidelity.ci).toHaveLength(2);
      expect(q.fidelity.js_distance?.ci).toHaveLength(2);
    }
    const containsOne = qs.filter((q) => q.fidelity.ci && q.fidelity.ci[0] <= 1 && 1 <= q.fidelity.ci[1]).length;
    expect(containsOne / qs.length).toBeGreaterThan(0.8);
    expect(a.average.fidelity.value).toBeGreaterThanOrEqual(0.8);
    expect(a.average.fidelity.ci![0]).toBeLessThanOrEqual(1);

    const b = await run(uniform);
    expect(b.average.fidelity.value).toBeLessThanOrEqual(0.2);
    // uniform answers: the interval of the mean excludes 1
    expect(b.average.fidelity.ci![1]).toBeLessThan(1);
  });
});
