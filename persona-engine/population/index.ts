// the public API of the population layer (what the persona engine and the cli use).
export { samplePopulation, planPopulationSample, sampleDemographics } from "./sample-population.js";
export type { SamplePopulationOptions, PopulationSamplePlan, PopulationDesign } from "./sample-population.js";
export { checkPopulation, totalVariation, TVD_THRESHOLD } from "./check-population.js";
export type {
  PopulationCheckReport,
  VariableCheck,
  ConditionalCheck,
  PlausibilityCheck,
  CheckPopulationOptions,
} from "./check-population.js";
export { PLAUSIBILITY_RULES, STRUCTURAL_GUARDS, ISCED_MIN_AGE } from "./structural-guards.js";
export type { PlausibilityRule, StructuralGuard } from "./structural-guards.js";
export { loadPopulationTable, listPopulations, loadPopulationIndex, resolveCountry } from "./load-population-table.js";
export { compilePopulation, CHAIN_VARIABLES } from "./compile-population.js";
export type { PopulationFallback, ChainVariable } from "./compile-population.js";
export { parseQuota, parseQuotas, QUOTA_VARIABLES } from "./parse-quota.js";
export type { Quota, QuotaTarget, QuotaVariable } from "./parse-quota.js";
export {
  DemographicRecordSchema,
  DemographicSourcesSchema,
  DEMOGRAPHIC_FIELDS,
  UNAVAILABLE_SOURCE,
  demographicAnchors,
  sourceKindOf,
} from "./demographic-record.js";
export type { DemographicRecord, DemographicField, SourceKind } from "./demographic-record.js";
export {
  CountryPopulationSchema,
  PopulationIndexSchema,
  ProvenanceSchema,
  PopulationTableEntrySchema,
  TableStatusSchema,
} from "./population-table-schema.js";
export type {
  CountryPopulation,
  PopulationIndex,
  PopulationIndexEntry,
  PopulationTableEntry,
  Provenance,
  TableStatus,
} from "./population-table-schema.js";
export * from "./population-labels.js";
