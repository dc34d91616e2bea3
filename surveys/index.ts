// the public API of the surveys layer: instruments, items, WVS-7 references and the
// distribution comparison metrics.
export { loadInstrument, getItem, INSTRUMENT_IDS, isInstrumentId } from "./load-instrument.js";
export type { InstrumentId } from "./load-instrument.js";
export { resolveInstrument } from "./resolve-instrument.js";
export { InstrumentSchema, SurveyItemSchema } from "./instrument-schema.js";
export type { Instrument, SurveyItem, ClosedSurveyItem, SurveyItemKind, ItemOption, Battery } from "./instrument-schema.js";
export { isClosedItem } from "./item-codes.js";
export { loadReference, findReference, referenceCountries, referenceItems, loadWvsReferenceTable } from "./references/load-reference.js";
export type { ReferenceDistribution, ReferenceCountryInfo } from "./references/load-reference.js";
export {
  compareCategorical,
  compareCategorical as compareDistributions,
  tallyForItem,
  CATEGORICAL_CI_METRICS,
} from "./metrics/compare-categorical.js";
export type { CategoricalComparison, CategoricalOptions, CategoricalCiMetric } from "./metrics/compare-categorical.js";
export { compareWithWvsReference } from "./metrics/compare-with-reference.js";
export type { ReferenceComparison } from "./metrics/compare-with-reference.js";
export {
  ksStatistic,
  wasserstein1,
  jsDivergence,
  jsDistance,
  distributionMean,
  totalVariation as categoricalTotalVariation,
} from "./metrics/categorical-metrics.js";
