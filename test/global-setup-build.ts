// vitest global setup of the e2e project: the tests that spawn `node dist/cli/main.js` need dist/.
// `npm test` builds first, so this only checks; run alone (`npx vitest run --project e2e`) with a
// missing or stale dist/ it builds ONCE here — never inside a test file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["index.ts", "core", "persona-engine", "agents", "surveys", "scenarios", "cli"];

/** newest modification time of the compiled sources (tests excluded) */
function newestSource(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) ? st.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export function setup(): void {
  const bin = join(repo, "dist", "cli", "main.js");
  const sources = Math.max(...SOURCES.map((s) => newestSource(join(repo, s))));
  if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return;
  const build = spawnSync(process.execPath, [join(repo, "scripts", "build.mjs")], { cwd: repo, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}${build.stdout}`);
}
