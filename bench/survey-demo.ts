// wall time of `deeppersona demo` (the built bin, offline: 3 countries × 20 personas × 6 items ×
// 3 arms) and of the done-when command. run `npm run build` first.
//   npx tsx bench/survey-demo.ts [repeats=3]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../core/package-root.js";

const repeats = Number(process.argv[2] ?? 3);
const bin = join(packageRoot(), "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "dp-bench-demo-"));
const env = { ...process.env, DEEPPERSONA_CACHE_DIR: join(dir, "cache") };
const time = (label: string, args: string[]) => {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args, ...(args[0] === "survey" ? ["--out", join(dir, `run-${i}`)] : [])], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    runs.push((performance.now() - t) / 1000);
  }
  console.log(`${label}: ${runs.map((s) => s.toFixed(2)).join(" / ")} s (first run includes the taxonomy embedding cache)`);
};
time("demo", ["demo"]);
time("survey run KEN,DEU × 10 × Q45,Q46,Q57 (isolated)", [
  "survey",
  "run",
  "--instrument",
  "wvs",
  "--countries",
  "KEN,DEU",
  "--per-country",
  "10",
  "--items",
  "Q45,Q46,Q57",
]);
rmSync(dir, { recursive: true, force: true });
