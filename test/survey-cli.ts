// helpers for survey e2e tests: run the cli in-process with captured streams, read run files.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { runCliCaptured, type CapturedRun, type RunCliCapturedOptions } from "./run-cli-captured.js";
import type { ResponseRecord } from "../scenarios/survey/response-record.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import { testPersona } from "./fixtures/test-persona.js";
import { readJsonl } from "./read-jsonl.js";

/** taxonomy embeddings cache shared by the tests (kept out of the home directory) */
export const TEST_CACHE_DIR = join(tmpdir(), "deeppersona-test-cache");

/** runCliCaptured with the shared taxonomy embeddings cache; no response cache (tests count requests) unless `env` turns it on;
 *  transient retries back off from 20 ms instead of 1 s (the policy, attempts and events are the same) */
export function cli(argv: string[], opts: RunCliCapturedOptions = {}): Promise<CapturedRun> {
  return runCliCaptured(argv, {
    ...opts,
    env: { DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR, DEEPPERSONA_NO_CACHE: "1", DEEPPERSONA_RETRY_BASE_MS: "20", ...opts.env },
  });
}

export function readRows(dir: string): ResponseRecord[] {
  return readJsonl<ResponseRecord>(dir, "responses.jsonl");
}

/** rows without the fields that legitimately differ between sessions of a REMOTE model (wall-clock
 *  latency; `cached`: a resumed run may find a reply a killed run already paid for); offline runs
 *  are compared byte for byte */
export function comparable(rows: ResponseRecord[]): Omit<ResponseRecord, "latency_ms" | "cached">[] {
  return rows.map(({ latency_ms: _l, cached: _c, ...rest }) => rest);
}

/** a personas.jsonl with `perCountry` small test personas in each country */
export function writeTestPersonas(file: string, countries: Record<string, string>, perCountry: number): Persona[] {
  const personas: Persona[] = [];
  for (const [iso3, name] of Object.entries(countries)) {
    for (let i = 1; i <= perCountry; i++)
      personas.push(testPersona({ id: `${iso3}-t-${i}`, country: iso3, countryName: name, index: i - 1 }));
  }
  writeFileSync(file, personas.map((p) => JSON.stringify(p)).join("\n") + "\n");
  return personas;
}
