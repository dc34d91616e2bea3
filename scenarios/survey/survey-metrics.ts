// metrics.json: the run's settings, answer status counts per arm, and the instrument's metrics
// (item distributions vs WVS-7 references, or Big Five trait scores vs culture means).
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { ReferenceDistribution } from "../../surveys/references/load-reference.js";
import { itemDistributionMetrics, type ItemDistributionMetrics, type PersonaInfo } from "./item-distribution-metrics.js";
import type { ResponseRecord } from "./response-record.js";
import type { SurveySpec } from "./survey-spec.js";
import { traitMetrics, type TraitMetrics } from "./trait-metrics.js";
import type { z } from "zod";
import { StatusCountsSchema, SurveyMetricsSchema } from "./survey-metrics-schema.js";
import { checkedMetrics } from "../checked-metrics.js";
import { instrumentDiagnostics, type InstrumentDiagnostics } from "./instrument-diagnostics.js";
import { rakePersonaWeights, type CountryRaking, type PersonaWeights } from "../calibrate/rake-persona-weights.js";
import type { ArmContrasts } from "../../surveys/metrics/arm-fidelity.js";
import type { MetricSummary } from "../../surveys/metrics/average-metrics.js";

export type StatusCounts = z.infer<typeof StatusCountsSchema>;

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
  /** how the personas were weighted in every share-based metric (absent in runs before --weights) */
  weights?: SurveyWeights;
  /** --weights rake: the pooled fidelity, contrasts and means with the personas' design weights only */
  unweighted?: {
    fidelity_pooled: ItemDistributionMetrics["fidelity"]["pooled"];
    contrasts: Record<string, ArmContrasts["overall"]>;
    means: Record<string, MetricSummary["overall"]>;
  };
} & Partial<InstrumentDiagnostics> &
  (ItemDistributionMetrics | TraitMetrics);

export type SurveyWeights =
  | { kind: "none"; method: string }
  | { kind: "rake"; method: string; by_country: Record<string, CountryRaking & { margins: PersonaWeights["margins"][string] }> }
  | { kind: "rake"; method: string; note: string };

export const WEIGHTS_NONE_METHOD =
  "the personas' design weights only (1 unless the persona file gives a weight); fidelity's floor and CIs at Kish's n of those weights";
export const WEIGHTS_RAKE_METHOD =
  "per country, raking (IPF) from the personas' design weights to the population tables: sex × age band (18-29/30-49/50+), education level, urban/rural (the joint the persona sampler draws from), trimmed at 5× the mean; every share-based metric (distributions and distances to the reference, fidelity with floor/uniform and bootstrap CIs at Kish's effective n, contrasts, closest, subgroups, country rank, shape ratios) uses these weights; `unweighted` and each cell's `unweighted` hold the --weights none figures";

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

function statusCounts(rows: readonly ResponseRecord[], arms: readonly string[]): Record<string, StatusCounts> {
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
  const traits = instrument.scoring.kind === "trait-means";
  const infos = options.personas?.map(personaInfo);
  const raked = spec.weights === "rake" && !traits && infos ? rakePersonaWeights(infos) : undefined;
  const weights: SurveyWeights =
    spec.weights === "none"
      ? { kind: "none", method: WEIGHTS_NONE_METHOD }
      : raked
        ? {
            kind: "rake",
            method: WEIGHTS_RAKE_METHOD,
            by_country: Object.fromEntries(
              Object.entries(raked.by_country).map(([c, r]) => [c, { ...r, margins: raked.margins[c] ?? {} }]),
            ),
          }
        : {
            kind: "rake",
            method: WEIGHTS_RAKE_METHOD,
            note: traits ? "trait scores are persona means, not shares: not weighted" : "no personas given: not weighted",
          };
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
    weights,
    ...instrumentDiagnostics({ ...options, ...(options.reference ? { referenceLookup: options.reference } : {}) }),
  };
  if (instrument.scoring.kind === "trait-means") {
    return checkedMetrics<SurveyMetrics>(SurveyMetricsSchema, {
      ...head,
      ...traitMetrics({
        rows: options.rows,
        instrument,
        arms: spec.arms,
        countries: options.countries,
        seed: spec.seed,
        bootstrap: spec.bootstrap,
      }),
    });
  }
  const itemMetrics = (personas: readonly PersonaInfo[] | undefined, weightedDistances: boolean) =>
    itemDistributionMetrics({
      rows: options.rows,
      items: options.items,
      arms: spec.arms,
      countries: options.countries,
      answerMethod: spec.answer,
      bootstrap: spec.bootstrap,
      seed: spec.seed,
      ...(options.reference ? { reference: options.reference } : {}),
      ...(personas ? { personas } : {}),
      ...(weightedDistances ? { weightedDistances } : {}),
    });
  const plain = itemMetrics(infos, false);
  if (!raked || !infos) return checkedMetrics<SurveyMetrics>(SurveyMetricsSchema, { ...head, ...plain });
  const weighted = itemMetrics(
    infos.map((p) => ({ ...p, weight: raked.weights.get(p.id) ?? p.weight ?? 1 })),
    true,
  );
  withUnweightedCells(weighted.results, plain.results);
  const unweighted = {
    fidelity_pooled: plain.fidelity.pooled,
    contrasts: Object.fromEntries(Object.entries(plain.contrasts.arms).map(([arm, c]) => [arm, c.overall])),
    means: Object.fromEntries(Object.entries(plain.means).map(([arm, m]) => [arm, m.overall])),
  };
  return checkedMetrics<SurveyMetrics>(SurveyMetricsSchema, { ...head, unweighted, ...weighted });
}

/** each weighted cell keeps its raw figures alongside, and its answer count (not the effective n) as n_simulated */
function withUnweightedCells(weighted: ItemDistributionMetrics["results"], plain: ItemDistributionMetrics["results"]): void {
  for (const [arm, byCountry] of Object.entries(weighted)) {
    for (const [country, byItem] of Object.entries(byCountry)) {
      for (const [item, cell] of Object.entries(byItem)) {
        const c0 = plain[arm]?.[country]?.[item]?.comparison;
        if (!c0 || !cell.comparison) continue;
        cell.comparison.n_simulated = c0.n_simulated;
        cell.unweighted = {
          n_simulated: c0.n_simulated,
          simulated_shares: c0.simulated_shares,
          ks: c0.ks,
          wasserstein: c0.wasserstein,
          js_distance: c0.js_distance,
          total_variation: c0.total_variation,
          mean_diff: c0.mean_diff,
        };
      }
    }
  }
}
