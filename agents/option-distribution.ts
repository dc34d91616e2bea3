// logprob answering: the probability of every presented option, read from the top_logprobs of
// the first (non-blank) generated token, mapped back to codes and renormalised over the valid
// options; `validMass` is the probability that fell on valid options at all.
import type { TokenLogprob } from "../core/model/token-logprob.js";
import type { PresentedItem } from "../surveys/present-item.js";

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

/** undefined when no valid option appears among the first token's alternatives */
export function optionDistribution(item: PresentedItem, logprobs: readonly TokenLogprob[]): OptionDistribution | undefined {
  const first = logprobs.find((t) => t.token.trim() !== "") ?? logprobs[0];
  if (!first) return undefined;
  const seen = new Map<string, number>();
  for (const alt of first.top_logprobs) if (!seen.has(alt.token)) seen.set(alt.token, alt.logprob);
  if (!seen.has(first.token)) seen.set(first.token, first.logprob);
  const mass = new Map<number, number>();
  for (const [token, logprob] of seen) {
    const key = normaliseToken(token);
    const option = item.options.find((o) => o.key === key);
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
