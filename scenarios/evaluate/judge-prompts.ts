// the judge prompts of `deeppersona evaluate personas`, versioned: the paper's intrinsic metrics
// (uniqueness 1–5, actionability 1–5, attribute recovery from the summary). each rubric prompt has
// two orderings (summary first / attributes first); the score is the mean of both, which halves
// the judge's position bias. change a prompt → bump its version (recorded in evaluation.json).
import { z } from "zod";

export type JudgeMessage = ["system" | "human", string];
export type JudgeOrder = "summary-first" | "attributes-first";

export const RUBRIC_PROMPT_VERSION = "judge-rubric@1";
export const RECOVERY_PROMPT_VERSION = "judge-recovery@1";

export const RubricScoreSchema = z.object({ score: z.number().int().min(1).max(5), reason: z.string() });
export const RecoverySchema = z.object({ recoverable: z.array(z.string()) });

export const RUBRICS = {
  uniqueness:
    "Uniqueness: how distinctive is this person compared with a typical member of their country and demographic group? 1 = a generic stereotype any template could produce; 3 = some specific, non-obvious traits; 5 = a clearly individual person with specific, mutually consistent details that set them apart.",
  actionability:
    "Actionability: could a researcher or designer predict this person's concrete choices (what they would buy, vote, answer, do on a weekday) from this profile? 1 = too vague to predict anything; 3 = some concrete behaviours follow; 5 = specific, consistent details make many concrete choices predictable.",
} as const;
export type Rubric = keyof typeof RUBRICS;

export function rubricPrompt(input: { rubric: Rubric; summary: string; attributes: string; order: JudgeOrder }): JudgeMessage[] {
  const summary = `Self-description:\n${input.summary}`;
  const attributes = `Attributes (path = value):\n${input.attributes}`;
  const body = input.order === "summary-first" ? `${summary}\n\n${attributes}` : `${attributes}\n\n${summary}`;
  return [
    [
      "system",
      `You are a strict evaluator of synthetic survey personas. Rate ONE criterion on a 1-5 integer scale.\n${RUBRICS[input.rubric]}\nReturn JSON {"score": <1-5>, "reason": "<one sentence>"}.`,
    ],
    ["human", body],
  ];
}

export function recoveryPrompt(input: { summary: string; candidates: readonly string[] }): JudgeMessage[] {
  return [
    [
      "system",
      'You check which attributes of a person can be recovered from their self-description alone. From the numbered candidate attribute paths, list those whose value the self-description states or clearly implies. Return JSON {"recoverable": ["<path exactly as given>", ...]}.',
    ],
    [
      "human",
      `Self-description:\n${input.summary}\n\nCandidate attribute paths:\n${input.candidates.map((c, i) => `${i + 1}. ${c}`).join("\n")}`,
    ],
  ];
}
