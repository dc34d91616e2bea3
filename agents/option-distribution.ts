// logprob answering: the probability of every presented option, read from the top_logprobs of
// the first (non-blank) generated token, mapped back to codes and renormalised over the valid
// options; `validMass` is the probability that fell on valid options at all.
// any tokenizer: a first token can only stand for a whole option when every option's label is
// ONE token. Llama, Gemma, Mistral and Qwen split "10" into "1","0", so on a 1–10 scale the
// first token "1" would carry P(1) + P(10) and "10" could never win. `logprobItem` therefore
// relabels items whose keys are longer than one character with letters (A, B, … Z: one token
// in every tokenizer, matched case-insensitively); single-character keys (1–9) stay as they are.
// validity: when less than VALID_MASS_THRESHOLD of the first token's probability falls on the
// options, the model mostly wanted to say something else, and the answer is `invalid`.
import type { TokenLogprob } from "../core/model/token-logprob.js";
import type { PresentedItem } from "../surveys/present-item.js";

/** below this probability mass on valid options a logprob answer is invalid (documented in agents/README.md) */
export const VALID_MASS_THRESHOLD = 0.5;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export interface OptionDistribution {
  /** code → probability, renormalised over the valid codes (sums to 1); every code present */
  probs: Record<string, number>;
  /** Σ probability of the valid options before renormalising, in [0, 1] */
  validMass: number;
  /** the most likely valid code */
  modalCode: number;
}

/** " 3", "3.", "3)" → "3" */
export function normaliseToken(token: string): string {
  return token.trim().replace(/[.):]+$/, "");
}

/** true when the item's answer keys are letters assigned by `logprobItem` */
export function hasLetterLabels(item: PresentedItem): boolean {
  return item.options.length > 0 && item.options.every((o, i) => o.key === LETTERS[i]);
}

/**
 * the item as a logprob prompt presents it: unchanged when every key is one character, else
 * with letter keys A, B, … in display order (codes and labels kept). more options than letters:
 * unchanged (only the first token is read; validMass shows what that misses).
 */
export function logprobItem(item: PresentedItem): PresentedItem {
  if (item.options.every((o) => o.key.length === 1) || item.options.length > LETTERS.length) return item;
  // a scale keeps its numbers in sight: "J = 10 A great deal of choice", "B = 2"
  const label = (o: PresentedItem["options"][number]) =>
    item.kind === "numeric-scale" && o.label !== String(o.code) ? `${o.code} ${o.label}` : o.label;
  const options = item.options.map((o, i) => ({ ...o, key: LETTERS[i] as string, label: label(o) }));
  return { ...item, options, answerKeys: options.map((o) => o.key) };
}

/** the option a generated token stands for (letters case-insensitive) */
function optionFor(item: PresentedItem, token: string, letters: boolean) {
  const key = letters ? normaliseToken(token).toUpperCase() : normaliseToken(token);
  return item.options.find((o) => o.key === key);
}

/** undefined when no valid option appears among the first token's alternatives */
export function optionDistribution(item: PresentedItem, logprobs: readonly TokenLogprob[]): OptionDistribution | undefined {
  const first = logprobs.find((t) => t.token.trim() !== "") ?? logprobs[0];
  if (!first) return undefined;
  const letters = hasLetterLabels(item);
  const seen = new Map<string, number>();
  for (const alt of first.top_logprobs) if (!seen.has(alt.token)) seen.set(alt.token, alt.logprob);
  if (!seen.has(first.token)) seen.set(first.token, first.logprob);
  const mass = new Map<number, number>();
  for (const [token, logprob] of seen) {
    const option = optionFor(item, token, letters);
    if (option) mass.set(option.code, (mass.get(option.code) ?? 0) + Math.exp(logprob));
  }
  let validMass = 0;
  for (const p of mass.values()) validMass += p;
  if (!(validMass > 0)) return undefined;
  const probs: Record<string, number> = {};
  let modalCode = item.options[0]?.code ?? 0;
  let best = -1;
  for (const o of [...item.options].sort((a, b) => a.code - b.code)) {
    const p = (mass.get(o.code) ?? 0) / validMass;
    probs[String(o.code)] = p;
    if (p > best) {
      best = p;
      modalCode = o.code;
    }
  }
  return { probs, validMass: Math.min(1, validMass), modalCode };
}
