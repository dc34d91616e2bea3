// vitest global setup: ONE offline persona run, generated before the test files start and shared
// by the tests that only need personas (`inject("personasFixture")` → the run directory, which
// holds personas.jsonl and manifest.json). KEN, IND and DEU × 30 personas, 25 attributes, seed 2.
// Both projects that list this file share one run per vitest process (the directory is keyed by
// its pid), so `npm test` generates it once.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** a run directory with personas.jsonl: offline, KEN,IND,DEU × 30, --attributes 25, --seed 2 */
    personasFixture: string;
  }
}

export const PERSONAS_FIXTURE_ARGS = argv`personas generate --countries KEN,IND,DEU --per-country 30 --attributes 25 --seed 2`;

const root = join(tmpdir(), `deeppersona-test-fixture-${process.pid}`);
const dir = join(root, "personas");

export async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync(join(dir, "manifest.json"))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const r = await cli([...PERSONAS_FIXTURE_ARGS, "--out", dir]);
    if (r.code !== 0) throw new Error(`the persona fixture was not generated (exit ${r.code}): ${r.stderr}`);
  }
  project.provide("personasFixture", dir);
  return () => rmSync(root, { recursive: true, force: true });
}
