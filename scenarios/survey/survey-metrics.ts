// metrics.json: the run's settings, answer status counts per arm, and the instrument's metrics
// (item distributions vs WVS-7 references, or Big Five trait scores vs culture means).
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { ReferenceDistribution } from "../../surveys/references/load-reference.js";
import { itemDistributionMetrics, type ItemDistributionMetrics, type PersonaInfo } from "./item-distribution-metrics.js";
import type { ResponseRecord } from "./response-record.js";
import type { SurveySpec } from "./survey-spec.js";
import { traitMetrics, type TraitMetrics } from "./trait-metrics.js";
import { SurveyMetricsSchema } from "./survey-metrics-schema.js";
import { checkedMetrics } from "../checked-metrics.js";
import { instrumentDiagnostics, type InstrumentDiagnostics } from "./instrument-diagnostics.js";

export interface StatusCounts {
  rows: number;
  ok: number;
  refused: number;
  invalid: number;
}

export type SurveyMetrics = {
  run_id: string;
  instrument: { id: string; name: string; version: string };
  model: string;
  /** true when answers came from the built-in offline model (synthetic, not a simulation result) */
  synthetic: boolean;
  mode: SurveySpec["mode"];
  answer_method: SurveySpec["answer"];
  samples: number;
  seed: number | string;
  reverse_half: boolean;
  personas_per_country: Record<string, number>;
  status_counts: Record<string, StatusCounts>;
} & Partial<InstrumentDiagnostics> & (ItemDistributionMetrics | TraitMetrics);

export interface SurveyMetricsOptions {
  runId: string;
  spec: SurveySpec;
  instrument: Instrument;
  items: readonly SurveyItem[];
  rows: readonly ResponseRecord[];
  countries: readonly string[];
  personasPerCountry: Record<string, number>;
  model: string;
  synthetic: boolean;
  /** the run's personas and whether the run generated them (mirror shares in metrics.json) */
  personas?: readonly Persona[];
  personasGenerated?: boolean;
  /** `--reference FILE`: the user's own answers replace the WVS-7 references */
  reference?: (country: string, item: string) => ReferenceDistribution | undefined;
}

/** weight and subgroup demographics of a persona, from its anchors */
export function personaInfo(p: Persona): PersonaInfo {
  const anchor = (field: string) => p.anchors.find((a) => a.field === field)?.value ?? null;
  const str = (v: string | number | null) => (typeof v === "string" ? v : null);
  const age = anchor("age");
  return {
    id: p.id,
    country: p.country,
    weight: p.weight,
    sex: str(anchor("sex")),
    age: typeof age === "number" ? age : typeof age === "string" && /^\d+$/.test(age) ? Number(age) : null,
    education_level: str(anchor("education_level")),
    settlement: str(anchor("settlement")),
  };
}

export function statusCounts(rows: readonly ResponseRecord[], arms: readonly string[]): Record<string, StatusCounts> {
  const out: Record<string, StatusCounts> = Object.fromEntries(arms.map((a) => [a, { rows: 0, ok: 0, refused: 0, invalid: 0 }]));
  for (const r of rows) {
    const c = (out[r.arm] ??= { rows: 0, ok: 0, refused: 0, invalid: 0 });
    c.rows++;
    c[r.status]++;
  }
  return out;
}

export function surveyMetrics(options: SurveyMetricsOptions): SurveyMetrics {
  const { spec, instrument } = options;
  const head = {
    run_id: options.runId,
    instrument: { id: instrument.id, name: instrument.name, version: instrument.version },
    model: options.model,
    synthetic: options.synthetic,
    mode: spec.mode,
    answer_method: spec.answer,
    samples: spec.samples,
    seed: spec.seed,
    reverse_half: spec.reverseHalf,
    personas_per_country: options.personasPerCountry,
    status_counts: statusCounts(options.rows, spec.arms),
    ...instrumentDiagnostics({ ...options, ...(options.reference ? { referenceLookup: options.reference } : {}) }),
  };
  if (instrument.scoring.kind === "trait-means") {
    return checkedMetrics<SurveyMetrics>(SurveyMetricsSchema, { ...head, ...traitMetrics({ rows: options.rows, instrument, arms: spec.arms, countries: options.countries, seed: spec.seed, bootstrap: spec.bootstrap }) });
  }
  return checkedMetrics<SurveyMetrics>(SurveyMetricsSchema, {
    ...head,
    ...itemDistributionMetrics({
      rows: options.rows,
      items: options.items,
      arms: spec.arms,
      countries: options.countries,
      answerMethod: spec.answer,
      bootstrap: spec.bootstrap,
      seed: spec.seed,
      ...(options.reference ? { reference: options.reference } : {}),
      ...(options.personas ? { personas: options.personas.map(personaInfo) } : {}),
    }),
  });
}
