// a fourth scenario in one file, through the generic command: each persona rates one statement
// 1–5. spec (defaults once), flags, prepare, one phase over a record table, finalize, failure.
import { join } from "node:path";
import { z } from "zod";
import { parseList, parseSeed } from "../../core/flags/flag-values.js";
import { CallMetadataSchema, callMetadata } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { writeJsonAtomic } from "../../core/store/write-json-atomic.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import { defineScenario, type ScenarioPlanBase } from "../../scenarios/define-scenario.js";
import { PersonaSelectionSpecSchema } from "../../scenarios/persona-selection-spec.js";
import { personasPhase } from "../../scenarios/personas-phase.js";
import { runPhaseTasks } from "../../scenarios/run-phase-tasks.js";
import { RunSettingsSchema, withSpecDefaults } from "../../scenarios/run-settings-spec.js";
import { selectPersonas } from "../../scenarios/select-personas.js";

const RateSpecSchema = z.object({
  statement: z.string().min(1).default("My town should ban cars from its centre."),
  ...PersonaSelectionSpecSchema.shape,
  ...RunSettingsSchema.shape,
});
type RateSpec = z.infer<typeof RateSpecSchema>;

const RatingSchema = z.object({
  key: z.string(),
  run_id: z.string(),
  persona_id: z.string(),
  rating: z.number().int().min(1).max(5).nullable(),
  status: z.enum(["ok", "invalid"]),
  reason: z.string().nullable(),
  ...CallMetadataSchema.shape,
});
const ratingsTable = table("ratings.jsonl", RatingSchema, (r) => r.persona_id);
const AnswerSchema = z.object({ rating: z.number().int().min(1).max(5) });

export const rateScenario = defineScenario({
  name: "rate",
  command: "example rate",
  spec: RateSpecSchema,
  flags: withSpecDefaults(
    {
      statement: { type: "string", valueName: "TEXT", description: "the statement every persona rates 1–5" },
      personas: { type: "string", valueName: "FILE.jsonl", description: "the personas who rate" },
      countries: { type: "string", valueName: "KEN,DEU", description: "keep only these countries" },
    },
    RateSpecSchema,
    { statement: "statement" },
  ),
  fromFlags: (v) => ({
    statement: String(v.statement),
    countries: v.countries === undefined ? [] : parseList("countries", v.countries),
    personasFile: typeof v.personas === "string" ? v.personas : undefined,
    seed: parseSeed(v.seed),
  }),
  prepare: (spec, env): ScenarioPlanBase<RateSpec> => ({ spec, selection: selectPersonas(env.cwd, spec, env.personas), dataVersions: {} }),
  phases: (plan, run) => [
    personasPhase({ ...run, seed: plan.spec.seed }),
    {
      name: "ratings",
      run: async (ctx) => {
        const tasks = (await readPersonas(ctx.store)).map((p) => ({
          key: p.id,
          run: async (signal: AbortSignal) => {
            const messages: [string, string][] = [
              ["system", `You are persona ${p.id} from ${p.country}.`],
              ["user", `Rate from 1 (disagree) to 5 (agree): ${plan.spec.statement}`],
            ];
            const res = await run.client.structured({
              key: p.id,
              schema: AnswerSchema,
              name: "rating",
              messages,
              promptVersion: "rate@1",
              signal,
            });
            return {
              run_id: run.runId,
              persona_id: p.id,
              rating: res.value.rating,
              status: "ok" as const,
              reason: null,
              ...callMetadata({ ...res, promptVersion: "rate@1" }, run.client.sampling),
            };
          },
        }));
        return runPhaseTasks(ctx, { table: ratingsTable, concurrency: 1, tasks });
      },
    },
  ],
  async finalize(_plan, _run, store) {
    const ratings = (await ratingsTable.read(store)).flatMap((r) => (r.rating === null ? [] : [r.rating]));
    const metrics = { n: ratings.length, mean: ratings.reduce((a, b) => a + b, 0) / Math.max(1, ratings.length) };
    const files = { metrics: join(store.dir, "metrics.json"), report: join(store.dir, "metrics.json") };
    await writeJsonAtomic(files.metrics, metrics);
    return { metrics, files };
  },
  failure: () => ({
    table: ratingsTable,
    noun: "ratings",
    none: "no rating was recorded",
    hint: "the model may not support structured output",
  }),
  modelsLabel: (run) => `model: ${run.client.spec}`,
  summary: (outputs, usage) => [`example rate: complete — ${outputs.metrics.n} ratings, mean ${outputs.metrics.mean.toFixed(2)}`, usage],
});
