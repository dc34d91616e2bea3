// benchmark: `deeppersona metrics compare` on 1,000,000 simulated × 1,000,000 reference
// respondents over 10 WVS items (10 M answers per side; ~1% blank, ~1% WVS missing codes),
// timing the real cli (node dist/cli/main.js, run `npm run build` first) end to end.
// run: npx tsx bench/metrics-compare.ts [rows] [repeats]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, type Rng } from "../core/rng.js";
import { packageRoot } from "../core/package-root.js";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const ITEMS: [string, number][] = [
  ["Q45", 3],
  ["Q46", 4],
  ["Q57", 2],
  ["Q184", 10],
  ["Q218", 3],
  ["Q254", 4],
  ["Q1", 4],
  ["Q6", 4],
  ["Q49", 10],
  ["Q164", 10],
];

function writeCsv(path: string, rng: Rng, tilt: number): void {
  // per item: a random categorical distribution, tilted between the two files
  const cdfs = ITEMS.map(([, k]) => {
    const w = Array.from({ length: k }, (_, i) => 1 + rng.next() + tilt * i);
    const total = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    return w.map((x) => (acc += x / total));
  });
  const chunks: string[] = ["respondent_id,country," + ITEMS.map(([id]) => id).join(",") + "\n"];
  let buf = "";
  for (let r = 0; r < ROWS; r++) {
    let line = `${r + 1},XXX`;
    for (let i = 0; i < ITEMS.length; i++) {
      const u = rng.next();
      if (u < 0.01) line += ",";
      else if (u < 0.02) line += ",-1";
      else {
        const cdf = cdfs[i] as number[];
        const x = rng.next();
        let c = 0;
        while (c < cdf.length - 1 && x > (cdf[c] as number)) c++;
        line += `,${c + 1}`;
      }
    }
    buf += line + "\n";
    if (buf.length > 1 << 20) {
      chunks.push(buf);
      buf = "";
    }
  }
  chunks.push(buf);
  writeFileSync(path, chunks.join(""));
}

const root = packageRoot();
const bin = join(root, "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "dp-bench-metrics-"));
try {
  const rng = createRng("bench-metrics-compare");
  const sim = join(dir, "simulated.csv");
  const ref = join(dir, "reference.csv");
  const t0 = performance.now();
  writeCsv(sim, rng.fork("sim"), 0.15);
  writeCsv(ref, rng.fork("ref"), 0);
  const mb = (statSync(sim).size + statSync(ref).size) / 1e6;
  console.log(
    `generated ${ROWS.toLocaleString("en")} × ${ITEMS.length} items per side (${mb.toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const runs: [string, string[]][] = [
    ["categorical, bootstrap 0", ["--bootstrap", "0"]],
    ["categorical, bootstrap 1000 (default)", []],
    ["deeppersona-official, bootstrap 0", ["--recipe", "deeppersona-official", "--bootstrap", "0"]],
    ["deeppersona-official, bootstrap 1000", ["--recipe", "deeppersona-official"]],
  ];
  for (const [label, extra] of runs) {
    const times: number[] = [];
    let out = "";
    for (let i = 0; i < REPEATS; i++) {
      const s = performance.now();
      const res = spawnSync(process.execPath, [bin, "metrics", "compare", "--simulated", sim, "--reference", ref, "--json", ...extra], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
      });
      times.push((performance.now() - s) / 1000);
      if (res.status !== 0) throw new Error(`cli failed (${res.status}): ${res.stderr}`);
      out = res.stdout;
    }
    const parsed = JSON.parse(out) as { questions: Record<string, { n_simulated: number; n_reference: number }>; average: { ks: number } };
    const q = parsed.questions.Q45;
    const best = Math.min(...times);
    console.log(
      `metrics compare [${label}]: best ${best.toFixed(2)} s, median ${times.sort((a, b) => a - b)[Math.floor(times.length / 2)]?.toFixed(2)} s over ${REPEATS} runs ` +
        `(${Object.keys(parsed.questions).length} items, Q45 n ${q?.n_simulated} vs ${q?.n_reference}, mean KS ${parsed.average.ks.toFixed(4)}) ${best < 5 ? "< 5 s ✓" : "≥ 5 s ✗"}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
