// instrument-level scoring for trait instruments (IPIP-50, BFI-44): per trait, the mean of its
// items after reverse-keying (direction −1 → scaleMin + scaleMax − code), and POMP 0–100
// ((mean − min) / (max − min) × 100). missing and invalid answers are skipped and counted.
import { DeepPersonaError, ERROR_CODES } from "../core/errors.js";
import type { Instrument } from "./instrument-schema.js";
import { classifyAnswer } from "./item-codes.js";

export interface TraitScore {
  traitId: string;
  name: string;
  /** mean on the response scale (1–5), null when too few items were answered */
  mean: number | null;
  /** percent of maximum possible, 0–100, null when `mean` is null */
  pomp: number | null;
  answered: number;
  missing: number;
  invalid: number;
}

export type AnswerMap = Readonly<Record<string, number | null | undefined>>;

export function scoreTraits(instrument: Instrument, answers: AnswerMap): Record<string, TraitScore> {
  const scoring = instrument.scoring;
  if (scoring.kind !== "trait-means") {
    throw new DeepPersonaError(
      ERROR_CODES.invalidInput,
      `instrument '${instrument.id}' has no trait scoring (scoring kind '${scoring.kind}')`,
    );
  }
  const byId = new Map(instrument.items.map((i) => [i.id, i]));
  const out: Record<string, TraitScore> = {};
  for (const trait of scoring.traits) {
    let sum = 0;
    let answered = 0;
    let missing = 0;
    let invalid = 0;
    for (const itemId of trait.items) {
      const item = byId.get(itemId);
      if (!item) continue;
      const value = answers[itemId];
      const cls = classifyAnswer(item, value);
      if (cls === "missing") missing++;
      else if (cls === "invalid") invalid++;
      else {
        const v = value as number;
        sum += item.direction === -1 ? scoring.scaleMin + scoring.scaleMax - v : v;
        answered++;
      }
    }
    const enough = answered > 0 && answered >= scoring.minAnsweredShare * trait.items.length;
    const mean = enough ? sum / answered : null;
    out[trait.id] = {
      traitId: trait.id,
      name: trait.name,
      mean,
      pomp: mean === null ? null : ((mean - scoring.scaleMin) / (scoring.scaleMax - scoring.scaleMin)) * 100,
      answered,
      missing,
      invalid,
    };
  }
  return out;
}
