// one call for the survey scenario: simulated answers of one item in one country vs the shipped
// weighted WVS-7 reference, on the item's categorical support. the reference is a fixed
// distribution, so bootstrap intervals resample the simulated side only.
import { getItem, loadInstrument } from "../load-instrument.js";
import type { SurveyItem } from "../instrument-schema.js";
import { loadReference, type ReferenceDistribution } from "../references/load-reference.js";
import { compareCategorical, type CategoricalComparison } from "./compare-categorical.js";
import type { SampleInput } from "./tally.js";

export interface ReferenceComparison extends CategoricalComparison {
  country: string;
  reference_quality: ReferenceDistribution["quality"];
  reference_source: string;
  /** share of the reference dropped as "excluded" (Q254 code 5), 0 when none */
  reference_excluded_share: number;
}

export function compareWithWvsReference(
  country: string,
  item: SurveyItem | string,
  simulated: SampleInput,
  options: { bootstrap?: number; seed?: number | string } = {},
): ReferenceComparison {
  const it = typeof item === "string" ? getItem(loadInstrument("wvs"), item) : item;
  const ref = loadReference(country, it.id);
  const c = compareCategorical(
    simulated,
    { codes: ref.codes, shares: ref.shares, n: ref.n },
    { item: it, ...options, seed: options.seed ?? 1 },
  );
  return {
    ...c,
    country: ref.country,
    reference_quality: ref.quality,
    reference_source: ref.source,
    reference_excluded_share: ref.excludedShare,
  };
}
