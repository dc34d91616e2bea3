// variance collapse: the simulated spread relative to the real one, per item. `sd_ratio` =
// SD of the simulated codes / SD of the reference codes (ordinal items), `entropy_ratio` =
// Shannon entropy of the simulated shares / the reference's (any item). 1 = the same spread;
// LLM answers typically sit below 1. plug-in values (the simulated entropy of n answers is biased
// down by about (k−1)/(2n) nats; read small gaps at small n with care).
import { distributionVariance } from "./categorical-metrics.js";

const sd = (shares: ArrayLike<number>, support: ArrayLike<number>) => Math.sqrt(distributionVariance(shares, support));

function entropy(shares: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < shares.length; i++) {
    const p = shares[i] as number;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

export function shapeRatios(
  sim: ArrayLike<number>,
  ref: ArrayLike<number>,
  support: ArrayLike<number>,
  ordinal: boolean,
): { sd_ratio: number | null; entropy_ratio: number | null } {
  const sr = sd(ref, support);
  const hr = entropy(ref);
  const round = (x: number) => Number(x.toFixed(6));
  return {
    sd_ratio: ordinal && sr > 0 ? round(sd(sim, support) / sr) : null,
    entropy_ratio: hr > 0 ? round(entropy(sim) / hr) : null,
  };
}
