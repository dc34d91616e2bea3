// loads a shipped instrument (data/instruments/<id>.json), validated by the zod schema, cached.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DeepPersonaError, ERROR_CODES, UsageError } from "../core/errors.js";
import { dataPath } from "../core/package-root.js";
import { closeMatches as closeNames } from "../core/close-matches.js";
import { InstrumentSchema, type Instrument, type SurveyItem } from "./instrument-schema.js";

/** the instruments shipped in data/instruments (bfi44 is optional, non-commercial research only) */
export const INSTRUMENT_IDS = ["wvs", "bigfive", "bfi44"] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

const cache = new Map<string, Instrument>();

export function isInstrumentId(id: string): id is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(id);
}

/**
 * the instrument `id` ("wvs" | "bigfive" | "bfi44"), validated. `dir` overrides data/instruments.
 * unknown id → UsageError naming close matches; an invalid file → E_DATA_INVALID listing the problems.
 */
export function loadInstrument(id: InstrumentId | string, options: { dir?: string } = {}): Instrument {
  if (!isInstrumentId(id)) {
    const hint = closeNames(id, INSTRUMENT_IDS);
    throw new UsageError(
      `unknown instrument '${id}'; available: ${INSTRUMENT_IDS.join(", ")}${hint.length ? ` (did you mean ${hint.join(", ")}?)` : ""}`,
    );
  }
  const file = options.dir ? join(options.dir, `${id}.json`) : dataPath("instruments", `${id}.json`);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) {
    throw new DeepPersonaError(
      ERROR_CODES.dataUnavailable,
      `instrument file '${file}' is missing; regenerate it with \`npx tsx scripts/build-instruments.ts\``,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new DeepPersonaError(ERROR_CODES.dataInvalid, `instrument file '${file}' is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = InstrumentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new DeepPersonaError(ERROR_CODES.dataInvalid, `instrument '${id}' (${file}) is invalid: ${problems.join("; ")}`, {
      details: { issues: parsed.error.issues },
    });
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

/** one item of an instrument by id; unknown → UsageError with close matches */
export function getItem(instrument: Instrument, itemId: string): SurveyItem {
  const item = instrument.items.find((i) => i.id === itemId) ?? instrument.items.find((i) => i.id.toLowerCase() === itemId.toLowerCase());
  if (item) return item;
  const hint = closeNames(
    itemId,
    instrument.items.map((i) => i.id),
  );
  throw new UsageError(
    `unknown item '${itemId}' in instrument '${instrument.id}'${hint.length ? `; close matches: ${hint.join(", ")}` : ""}`,
  );
}

/** the item with this id in any shipped instrument (wvs first), or undefined */
export function findItemAnywhere(itemId: string): { instrument: Instrument; item: SurveyItem } | undefined {
  for (const id of INSTRUMENT_IDS) {
    let inst: Instrument;
    try {
      inst = loadInstrument(id);
    } catch (err) {
      if (err instanceof DeepPersonaError && err.code === ERROR_CODES.dataUnavailable) continue;
      throw err;
    }
    const item = inst.items.find((i) => i.id === itemId);
    if (item) return { instrument: inst, item };
  }
  return undefined;
}
