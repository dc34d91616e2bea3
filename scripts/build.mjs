// compiles the typescript sources to dist/ (the cli bin runs from there).
// type errors do not block the emit: `npm run typecheck` (and .ci/run) enforce them.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", ".bin", "tsc");
if (!existsSync(tsc)) {
  console.error("deeppersona build: typescript is not installed; run `npm install` first");
  process.exit(1);
}
// no clean: concurrent builds (tests, helpers) must not delete each other's output
const res = spawnSync(tsc, ["-p", join(root, "tsconfig.build.json"), "--noCheck"], { stdio: "inherit" });
const bin = join(root, "dist", "cli", "main.js");
if (!existsSync(bin)) {
  console.error("deeppersona build: dist/cli/main.js was not emitted");
  process.exit(res.status || 1);
}
chmodSync(bin, 0o755);
