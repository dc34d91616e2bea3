// the only model calls of `deeppersona evaluate personas`: the judge's rubric scores (two
// orderings each), its attribute-recovery lists, and the profile embeddings, through the same
// model client (core/model/model-client.ts) the survey and persona engine use.
import type { CommandContext } from "./command.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PersonaScores } from "../scenarios/evaluate/persona-evaluation.js";

export interface JudgePersonasResult {
  scores: PersonaScores[];
  vectors: number[][];
  judgeSpec: string;
  embeddingsSpec: string;
  offline: boolean;
}

const ATTRIBUTES_SHOWN = 40;
const RECOVERY_CANDIDATES = 30;

export function renderedProfile(p: Persona): string {
  const filled = p.attributes.filter((a) => a.status === "filled").map((a) => `${a.path.split(" > ").pop()}: ${a.value}`);
  return `${p.name}. ${p.summary}\n${filled.join("; ")}`.slice(0, 6000);
}

export async function judgePersonas(
  ctx: CommandContext,
  personas: readonly Persona[],
  opts: { judge?: string; seed: string; concurrency: number },
): Promise<JudgePersonasResult> {
  const { resolveCliModels } = await import("./model-options.js");
  const { createRng } = await import("../core/rng.js");
  const { recoveryRecall } = await import("../scenarios/evaluate/persona-evaluation.js");
  const { RubricScoreSchema, RecoverySchema, rubricPrompt, recoveryPrompt, RUBRIC_PROMPT_VERSION, RECOVERY_PROMPT_VERSION } =
    await import("../scenarios/evaluate/judge-prompts.js");
  // the judge scores at temperature 0 unless --temperature says otherwise
  const values = { ...ctx.values, ...(opts.judge ? { model: opts.judge } : {}), temperature: ctx.values.temperature ?? "0" };
  const models = await resolveCliModels(
    { ...ctx, values },
    { seed: opts.seed, embeddings: true, limits: { concurrency: opts.concurrency } },
  );
  const judge = models.client;
  const scores = await Promise.all(
    personas.map(async (p) => {
      const rng = createRng(`${opts.seed}/evaluate/${p.id}`);
      const filled = p.attributes.filter((a) => a.status === "filled" && a.tier !== "core");
      // a seeded sample of the filled attributes, one stream per use
      const sample = (label: string, n: number) => rng.fork(label).shuffle(filled).slice(0, n);
      const shown = sample("shown", ATTRIBUTES_SHOWN)
        .map((a) => `${a.path} = ${a.value}`)
        .join("\n");
      const candidates = sample("recovery", RECOVERY_CANDIDATES).map((a) => a.path);
      const rubric = async (r: "uniqueness" | "actionability") => {
        const both = await Promise.all(
          (["summary-first", "attributes-first"] as const).map((order) =>
            judge.structured({
              key: `evaluate/${p.id}/${r}/${order}`,
              signal: ctx.signal,
              schema: RubricScoreSchema,
              name: "judge_score",
              promptVersion: RUBRIC_PROMPT_VERSION,
              messages: rubricPrompt({ rubric: r, summary: p.summary, attributes: shown, order }),
            }),
          ),
        );
        return both.reduce((s, x) => s + x.value.score, 0) / both.length;
      };
      const [uniqueness, actionability, rec] = await Promise.all([
        rubric("uniqueness"),
        rubric("actionability"),
        candidates.length
          ? judge.structured({
              key: `evaluate/${p.id}/recovery`,
              signal: ctx.signal,
              schema: RecoverySchema,
              name: "judge_recovery",
              promptVersion: RECOVERY_PROMPT_VERSION,
              messages: recoveryPrompt({ summary: p.summary, candidates }),
            })
          : undefined,
      ]);
      return {
        id: p.id,
        uniqueness,
        actionability,
        recovery: recoveryRecall(candidates, rec?.value.recoverable ?? []),
        filled: filled.length,
      };
    }),
  );
  const vectors = await judge.embeddings.embedDocuments(personas.map(renderedProfile));
  return { scores, vectors, judgeSpec: models.chatSpec, embeddingsSpec: models.embeddingsSpec, offline: models.offline };
}
