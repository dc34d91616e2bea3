// single-token answers for the offline model. CONVENTION (survey scenario): a prompt whose last
// message has a line starting with `options:` and listing answer codes separated by "|", e.g.
//   "Answer with the code only.\noptions: 1 | 2 | 3 | 4"
// gets one of those codes as its whole reply, drawn from a deterministic distribution that
// depends on the seed and the prompt; with logprobs on, the distribution is reported as
// OpenAI-style top_logprobs (most likely first).
import type { Rng } from "../rng.js";
import type { TokenLogprob } from "./token-logprob.js";

/** the codes of an `options:` line (the last such line wins), or undefined */
export function findAnswerOptions(text: string): string[] | undefined {
  const lines = [...text.matchAll(/^[ \t]*options:[ \t]*(.+)$/gim)];
  const last = lines.at(-1)?.[1];
  if (!last) return undefined;
  const options = last
    .split("|")
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  return options.length > 0 ? options : undefined;
}

/** probabilities over the options (sum 1), peaked differently for each rng stream */
export function optionDistribution(options: readonly string[], rng: Rng): number[] {
  const weights = options.map(() => Math.exp(1.5 * rng.normal()));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** the single-token logprobs entry for `chosen`, with the top `k` options as alternatives */
export function optionLogprobs(options: readonly string[], probs: readonly number[], chosen: number, k: number): TokenLogprob {
  const ranked = options
    .map((token, i) => ({ token, logprob: Math.log(probs[i] as number) }))
    .sort((a, b) => b.logprob - a.logprob || a.token.localeCompare(b.token));
  return {
    token: options[chosen] as string,
    logprob: Math.log(probs[chosen] as number),
    top_logprobs: ranked.slice(0, Math.max(0, Math.min(20, k))),
  };
}

const FILLERS = [" the", " a", " and", " of", " to", " it", " in", " that"];

/** plausible-looking logprobs for free text: one entry per word-ish token */
export function textLogprobs(text: string, rng: Rng, k: number): TokenLogprob[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  return tokens.map((token) => {
    const logprob = -Math.round(rng.next() * 150) / 100;
    const alts = FILLERS.filter((f) => f !== token)
      .slice(0, Math.max(0, Math.min(20, k) - 1))
      .map((t, i) => ({ token: t, logprob: logprob - 0.5 - i * 0.7 }));
    return { token, logprob, top_logprobs: k > 0 ? [{ token, logprob }, ...alts] : [] };
  });
}
