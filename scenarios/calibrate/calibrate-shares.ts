// calibration.json of `deeppersona calibrate`: per country × item, the raw simulated shares of the
// run's personas, the pilot's own shares and the prediction-powered corrected shares (pilot
// respondents paired with their persona twins' answers), each code with a 95% CI, plus the
// effective sample size. one answer per persona and respondent (sample 0); refused / invalid /
// missing answers are left out on both sides. with `weights` (raking of the run's personas to the
// population tables) the simulated side is weighted (raw at Kish's n, raw_unweighted alongside);
// with `strata` the simulator's bias is estimated per subgroup where the pilot has enough
// respondents (prediction-powered-shares.ts: pilotStrata), pooled elsewhere.
import { z } from "zod";
import { PredictionPoweredSharesSchema, predictionPoweredShares } from "../../surveys/metrics/prediction-powered-shares.js";
import type { PilotRow } from "./read-pilot-csv.js";
import type { AnswerRow } from "./answer-row.js";

export type { AnswerRow } from "./answer-row.js";

export const CalibrationCellSchema = PredictionPoweredSharesSchema.extend({
  country: z.string(),
  item: z.string(),
  /** the country's reference shares (WVS-7) when shipped, for the improvement table */
  reference: z.record(z.string(), z.number()).nullable(),
});
export type CalibrationCell = z.infer<typeof CalibrationCellSchema>;

export const CalibrationFileSchema = z.object({
  schema_version: z.literal(1),
  run: z.string(),
  arm: z.string(),
  twin_model: z.string(),
  pilot_n: z.number().int(),
  /** how the simulated personas were weighted ("rake": to the population tables) */
  weights: z.enum(["none", "rake"]).optional(),
  /** per country: raking diagnostics (Kish's n, convergence) */
  raking: z
    .record(
      z.string(),
      z.object({ n: z.number().int(), kish_n: z.number(), converged: z.boolean(), max_error: z.number(), dimensions: z.array(z.string()) }),
    )
    .optional(),
  /** the subgroup dimensions of the bias correction and the pilot n a subgroup needs (null: pooled) */
  strata: z
    .object({ by: z.array(z.string()), min_pilot_n: z.number().int() })
    .nullable()
    .optional(),
  cells: z.array(CalibrationCellSchema),
});
export type CalibrationFile = z.infer<typeof CalibrationFileSchema>;

export interface CalibrateSharesInput {
  run: string;
  arm: string;
  twinModel: string;
  /** item id → its substantive codes */
  codes: Record<string, readonly number[]>;
  simulated: readonly AnswerRow[];
  pilot: readonly PilotRow[];
  /** pilot line → twin persona id */
  twinOf: ReadonlyMap<number, string>;
  twins: readonly AnswerRow[];
  reference?: (country: string, item: string) => Record<string, number> | undefined;
  level?: number;
  /** persona id → survey weight of the simulated personas (absent: unweighted) */
  weights?: { kind: "rake"; byPersona: ReadonlyMap<string, number>; raking: CalibrationFile["raking"] };
  /** subgroup level of a simulated persona and of a pilot respondent (absent: pooled correction) */
  strata?: { by: string[]; minPilotN: number; persona: (id: string) => string | null; pilot: (row: PilotRow) => string | null };
}

function answerOf(row: AnswerRow | undefined): string | null {
  return row && row.status === "ok" && row.value !== null ? String(row.value) : null;
}

export function calibrateShares(input: CalibrateSharesInput): CalibrationFile {
  const twinAnswer = new Map<string, AnswerRow>();
  for (const r of input.twins) if (r.sample === 0 && r.arm === "deep") twinAnswer.set(`${r.persona_id}/${r.item}`, r);
  const countries = [...new Set(input.pilot.map((p) => p.country))].sort();
  const cells: CalibrationCell[] = [];
  for (const country of countries) {
    const pilot = input.pilot.filter((p) => p.country === country);
    for (const item of Object.keys(input.codes)) {
      const codes = (input.codes[item] ?? []).map(String);
      const simRows = input.simulated.filter((r) => r.arm === input.arm && r.country === country && r.item === item && r.sample === 0);
      const simulated = simRows.map(answerOf);
      const strata = input.strata;
      const pairs = pilot.map((p) => {
        const real = p.answers[item];
        const twinId = input.twinOf.get(p.line);
        return {
          real: real === null || real === undefined || !codes.includes(String(real)) ? null : String(real),
          twin: twinId ? answerOf(twinAnswer.get(`${twinId}/${item}`)) : null,
          ...(strata ? { stratum: strata.pilot(p) } : {}),
        };
      });
      const est = predictionPoweredShares({
        codes,
        simulated,
        pilot: pairs,
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.weights ? { simulatedWeights: simRows.map((r) => input.weights?.byPersona.get(r.persona_id) ?? 1) } : {}),
        ...(strata ? { simulatedStrata: simRows.map((r) => strata.persona(r.persona_id)), minStratumN: strata.minPilotN } : {}),
      });
      cells.push({ country, item, ...est, reference: input.reference?.(country, item) ?? null });
    }
  }
  return {
    schema_version: 1,
    run: input.run,
    arm: input.arm,
    twin_model: input.twinModel,
    pilot_n: input.pilot.length,
    weights: input.weights ? input.weights.kind : "none",
    ...(input.weights?.raking ? { raking: input.weights.raking } : {}),
    strata: input.strata ? { by: input.strata.by, min_pilot_n: input.strata.minPilotN } : null,
    cells,
  };
}
