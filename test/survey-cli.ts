// helpers for survey e2e tests: run the cli in-process with captured streams, read run files.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { runCliCaptured, type CapturedRun, type RunCliCapturedOptions } from "./run-cli-captured.js";
import type { ResponseRecord } from "../scenarios/survey/response-record.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import { testPersona } from "./fixtures/test-persona.js";

/** taxonomy embeddings cache shared by the tests (kept out of the home directory) */
export const TEST_CACHE_DIR = join(tmpdir(), "deeppersona-test-cache");

/** runCliCaptured with the shared taxonomy embeddings cache */
export function cli(argv: string[], opts: Omit<RunCliCapturedOptions, "env"> = {}): Promise<CapturedRun> {
  return runCliCaptured(argv, { ...opts, env: { DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR } });
}

export function readRows(dir: string): ResponseRecord[] {
  return readFileSync(join(dir, "responses.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ResponseRecord);
}

/** rows without the fields that legitimately differ between sessions of a REMOTE model (wall-clock
 *  latency); offline runs are compared byte for byte */
export function comparable(rows: ResponseRecord[]): Omit<ResponseRecord, "latency_ms">[] {
  return rows.map(({ latency_ms: _l, ...rest }) => rest);
}

/** a personas.jsonl with `perCountry` small test personas in each country */
export function writeTestPersonas(file: string, countries: Record<string, string>, perCountry: number): Persona[] {
  const personas: Persona[] = [];
  for (const [iso3, name] of Object.entries(countries)) {
    for (let i = 1; i <= perCountry; i++) personas.push(testPersona({ id: `${iso3}-t-${i}`, country: iso3, countryName: name, index: i - 1 }));
  }
  writeFileSync(file, personas.map((p) => JSON.stringify(p)).join("\n") + "\n");
  return personas;
}
