// benchmark: drawing 100,000 demographic records (one core, one thread). the bound is < 2 s.
//   npx tsx bench/population-sample.ts [count]
import { performance } from "node:perf_hooks";
import { samplePopulation } from "../persona-engine/population/sample-population.js";
import { compilePopulation } from "../persona-engine/population/compile-population.js";

const count = Number(process.argv[2] ?? 100_000);

function run(label: string, fn: () => number): number {
  const t0 = performance.now();
  const n = fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${((n / ms) * 1000).toFixed(0).padStart(9)} records/s`);
  return ms;
}

const drain = (it: Iterable<unknown>) => {
  let n = 0;
  for (const _ of it) n++;
  return n;
};

console.log(`population sampler benchmark: ${count} records, node ${process.version}`);
const cold = run(`DEU cold (load + validate + compile tables + draw)`, () => drain(samplePopulation({ countries: ["DEU"], count, seed: 1 })));
compilePopulation("DEU");
const warm = run(`DEU warm`, () => drain(samplePopulation({ countries: ["DEU"], count, seed: 2 })));
run(`DEU + JSONL serialisation`, () => {
  let bytes = 0;
  let n = 0;
  for (const r of samplePopulation({ countries: ["DEU"], count, seed: 3 })) {
    bytes += JSON.stringify(r).length + 1;
    n++;
  }
  if (bytes <= 0) throw new Error("nothing serialised");
  return n;
});
run(`DEU with quotas (sex, age, religion)`, () =>
  drain(
    samplePopulation({
      countries: ["DEU"],
      count,
      seed: 4,
      quotas: ["sex=female:0.5,male:0.5", "age=18-29:0.3,30-49:0.4,50+:0.3", "religion=christian:0.5,unaffiliated (no religion):0.5"],
    }),
  ),
);
run(`10 countries, equal design`, () =>
  drain(samplePopulation({ countries: ["DEU", "USA", "KEN", "IND", "BRA", "JPN", "NGA", "MEX", "EGY", "IDN"], count, seed: 5, design: "equal" })),
);
console.log(`bound: < 2000 ms for ${count} records → ${cold < 2000 && warm < 2000 ? "met" : "NOT met"} (cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms)`);
