// metrics for trait instruments (IPIP-50 Big Five): trait scores per persona × sample (the
// surveys' scoring: reverse keys, mean 1–5, POMP 0–100), country means per arm, and a
// comparison with the McCrae & Terracciano (2005) culture means: OBSERVER ratings (NEO-PI-R
// Form R) of targets by college students, one mean per culture, T metric (individual SD 10 in
// their pooled sample) — a different instrument and population than IPIP-50 self-reports, so
// the headline is rank/correlation across the sampled countries (Pearson r, Spearman rho, ≥ 3).
// |T diff| is secondary and uses ONE SD for every arm (no individual-level IPIP-50 SD ships):
//   T_sim(c) = 50 + 10 · (mean(c) − mean of the country means) / SD_common
//   SD_common = pooled within-country SD of the persona trait scores over ALL arms
//   T_ref(c) = culture T-score − mean of the sampled countries' T-scores + 50
// (an arm with no country signal scores T ≈ 50 everywhere; an arm is no longer rescaled by its
// own spread). plus Cronbach's alpha and McDonald's omega per arm × trait (first sample of each
// persona, reverse keys applied) and an acquiescence index per arm × country (mean raw code −
// scale midpoint over all items, before reverse-keying: > 0 = yea-saying).
import type { Instrument } from "../../surveys/instrument-schema.js";
import { scoreTraits } from "../../surveys/score-traits.js";
import { loadBigFiveCultureMeans } from "../../surveys/references/load-reference.js";
import { scaleReliability, type Reliability } from "../../surveys/metrics/scale-reliability.js";
import { sampleRankCorrelation } from "simple-statistics";
import { createRng } from "../../core/rng.js";
import { clusterWeights, differenceReplicates } from "../../surveys/metrics/cluster-bootstrap.js";
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";
import { plainMean, plainSampleVariance } from "../../surveys/metrics/plain-moments.js";
import type { ResponseRecord } from "./response-record.js";

export interface PersonaTraitScores {
  arm: string;
  persona_id: string;
  country: string;
  sample: number;
  /** trait id → {mean 1–5, pomp 0–100} (null when too few items were answered) */
  traits: Record<string, { mean: number | null; pomp: number | null; answered: number }>;
}

export interface CountryTrait {
  n: number;
  mean: number | null;
  sd: number | null;
  pomp: number | null;
  t_simulated: number | null;
  t_reference: number | null;
  /** |t_simulated − t_reference| */
  t_diff: number | null;
}

export interface TraitMetrics {
  kind: "trait-means";
  traits: { id: string; name: string }[];
  arms: string[];
  countries: string[];
  reference: { source: string; metric: string; what: string; cultures: number };
  /** the SD every arm's T_sim uses (per trait) and where it comes from */
  t_scale: { sd: Record<string, number | null>; source: string };
  /** arm → trait → internal consistency */
  reliability: Record<string, Record<string, Reliability>>;
  /** arm → country → mean raw code − scale midpoint over all items (> 0 = agrees regardless of keying) */
  acquiescence: Record<string, Record<string, number | null>>;
  persona_scores: PersonaTraitScores[];
  /** arm → country → trait */
  countries_by_arm: Record<string, Record<string, Record<string, CountryTrait>>>;
  /** arm → trait → {mean |T diff|, Pearson r and Spearman rho across countries} */
  summary: Record<
    string,
    Record<string, { mean_t_diff: number | null; pearson_r: number | null; spearman_rho: number | null; n_countries: number }>
  >;
  /**
   * country → trait → the arm with the smallest |T diff| and every arm whose paired persona-
   * bootstrap difference of |T diff| with it has a 95% CI containing 0 (several = a tie)
   */
  closest: Record<string, Record<string, string[]>>;
  /** arm → cells it alone is decidedly closest in */
  closest_counts: Record<string, number>;
}

function pearson(xs: number[], ys: number[]): number | null {
  if (xs.length < 3) return null;
  const mx = plainMean(xs) as number;
  const my = plainMean(ys) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export function traitMetrics(options: {
  rows: readonly ResponseRecord[];
  instrument: Instrument;
  arms: readonly string[];
  countries: readonly string[];
  seed?: number | string;
  bootstrap?: number;
}): TraitMetrics {
  const { instrument } = options;
  if (instrument.scoring.kind !== "trait-means") throw new Error(`instrument ${instrument.id} is not scored by traits`);
  const traits = instrument.scoring.traits.map((t) => ({ id: t.id, name: t.name }));
  const answers = new Map<
    string,
    { arm: string; persona_id: string; country: string; sample: number; values: Record<string, number | null> }
  >();
  for (const r of options.rows) {
    const k = `${r.arm}/${r.persona_id}/${r.sample}`;
    const entry = answers.get(k) ?? { arm: r.arm, persona_id: r.persona_id, country: r.country, sample: r.sample, values: {} };
    entry.values[r.item] = r.status === "ok" ? r.value : null;
    answers.set(k, entry);
  }
  const personaScores: PersonaTraitScores[] = [...answers.values()].map((a) => {
    const scored = scoreTraits(instrument, a.values);
    const out: PersonaTraitScores["traits"] = {};
    for (const t of traits)
      out[t.id] = { mean: scored[t.id]?.mean ?? null, pomp: scored[t.id]?.pomp ?? null, answered: scored[t.id]?.answered ?? 0 };
    return { arm: a.arm, persona_id: a.persona_id, country: a.country, sample: a.sample, traits: out };
  });
  const culture = loadBigFiveCultureMeans();
  const refOf = (country: string, trait: string) => {
    const c = culture.cultures.find((x) => x.iso3 === country);
    return c ? ((c as unknown as Record<string, number>)[trait] ?? null) : null;
  };
  const scoresOf = (arm: string, country: string, traitId: string, key: "mean" | "pomp") =>
    personaScores
      .filter((p) => p.arm === arm && p.country === country)
      .map((p) => p.traits[traitId]?.[key])
      .filter((x): x is number => typeof x === "number");
  // one SD per trait for every arm: pooled within-(arm × country) variance of the persona scores
  const commonSd: Record<string, number | null> = {};
  for (const t of traits) {
    let ss = 0;
    let df = 0;
    for (const arm of options.arms) {
      for (const country of options.countries) {
        const xs = scoresOf(arm, country, t.id, "mean");
        const m = plainMean(xs);
        if (xs.length < 2 || m === null) continue;
        ss += xs.reduce((s2, x) => s2 + (x - m) ** 2, 0);
        df += xs.length - 1;
      }
    }
    commonSd[t.id] = df > 0 && ss > 0 ? Math.sqrt(ss / df) : null;
  }
  const byArm: TraitMetrics["countries_by_arm"] = {};
  const summary: TraitMetrics["summary"] = {};
  for (const arm of options.arms) {
    byArm[arm] = {};
    summary[arm] = {};
    for (const t of traits) {
      const perCountry = options.countries.map((country) => {
        const xs = scoresOf(arm, country, t.id, "mean");
        const pomp = plainMean(scoresOf(arm, country, t.id, "pomp"));
        return { country, n: xs.length, mean: plainMean(xs), variance: plainSampleVariance(xs), pomp, ref: refOf(country, t.id) };
      });
      const withMean = perCountry.filter((c) => c.mean !== null);
      const grand = plainMean(withMean.map((c) => c.mean as number));
      const pooledSd = commonSd[t.id] ?? null;
      const refMean = plainMean(perCountry.filter((c) => c.ref !== null).map((c) => c.ref as number));
      const diffs: number[] = [];
      const sims: number[] = [];
      const refs: number[] = [];
      for (const c of perCountry) {
        const tSim =
          c.mean !== null && grand !== null && pooledSd !== null
            ? 50 + (10 * (c.mean - grand)) / pooledSd
            : c.mean !== null && grand !== null
              ? 50
              : null;
        const tRef = c.ref !== null && refMean !== null ? c.ref - refMean + 50 : null;
        const tDiff = tSim !== null && tRef !== null ? Math.abs(tSim - tRef) : null;
        if (tDiff !== null) {
          diffs.push(tDiff);
          sims.push(tSim as number);
          refs.push(tRef as number);
        }
        const entry = (byArm[arm] as Record<string, Record<string, CountryTrait>>)[c.country] ?? {};
        entry[t.id] = {
          n: c.n,
          mean: c.mean,
          sd: c.variance === null ? null : Math.sqrt(c.variance),
          pomp: c.pomp,
          t_simulated: tSim,
          t_reference: tRef,
          t_diff: tDiff,
        };
        (byArm[arm] as Record<string, Record<string, CountryTrait>>)[c.country] = entry;
      }
      let rho: number | null = null;
      if (sims.length >= 3) {
        const v = sampleRankCorrelation(sims, refs);
        rho = Number.isFinite(v) ? v : null;
      }
      (summary[arm] as Record<string, unknown>)[t.id] = {
        mean_t_diff: plainMean(diffs),
        pearson_r: pearson(sims, refs),
        spearman_rho: rho,
        n_countries: diffs.length,
      };
    }
  }
  // |T diff| replicates: personas resampled within each country, the same draw for every arm (paired)
  const R = Math.min(options.bootstrap ?? 200, 200);
  const rng = createRng(options.seed ?? 1).fork("trait-closest");
  const personaMean = new Map<string, Map<string, number>>(); // arm|persona → trait → mean over samples
  for (const p of personaScores) {
    const key = `${p.arm}|${p.persona_id}`;
    const acc = personaMean.get(key) ?? new Map<string, number>();
    for (const t of traits) {
      const v = p.traits[t.id]?.mean;
      if (typeof v !== "number") continue;
      const n = (acc.get(`${t.id}#n`) ?? 0) + 1;
      acc.set(`${t.id}#n`, n);
      acc.set(t.id, ((acc.get(t.id) ?? 0) * (n - 1) + v) / n);
    }
    personaMean.set(key, acc);
  }
  const idsOf = new Map(
    options.countries.map((c) => [c, [...new Set(personaScores.filter((p) => p.country === c).map((p) => p.persona_id))].sort()]),
  );
  const counts = new Map(
    options.countries.map((c) => [c, R > 0 ? clusterWeights(rng.fork(c), (idsOf.get(c) ?? []).length, R) : new Uint32Array(0)]),
  );
  const tDiffReps = (arm: string, traitId: string): Map<string, Float64Array> => {
    const sd = commonSd[traitId] ?? null;
    const out = new Map<string, Float64Array>();
    if (sd === null || R === 0) return out;
    const means = options.countries.map((c) => {
      const ids = idsOf.get(c) ?? [];
      const w = counts.get(c) as Uint32Array;
      const reps = new Float64Array(R);
      for (let r = 0; r < R; r++) {
        let s2 = 0;
        let n = 0;
        ids.forEach((id, k) => {
          const v = personaMean.get(`${arm}|${id}`)?.get(traitId);
          const c2 = w[r * ids.length + k] as number;
          if (v === undefined || c2 === 0) return;
          s2 += c2 * v;
          n += c2;
        });
        reps[r] = n > 0 ? s2 / n : NaN;
      }
      return reps;
    });
    options.countries.forEach((c, ci) => {
      const tRef = byArm[arm]?.[c]?.[traitId]?.t_reference ?? null;
      if (tRef === null) return;
      const reps = new Float64Array(R);
      for (let r = 0; r < R; r++) {
        const ms = means.map((m) => m[r] as number).filter(Number.isFinite);
        const grand = plainMean(ms) ?? NaN;
        reps[r] = Math.abs(50 + (10 * ((means[ci]?.[r] as number) - grand)) / sd - tRef);
      }
      out.set(c, reps);
    });
    return out;
  };
  const closest: TraitMetrics["closest"] = {};
  const closestCounts: Record<string, number> = Object.fromEntries(options.arms.map((a) => [a, 0]));
  for (const t of traits) {
    const reps = new Map(options.arms.map((a) => [a, tDiffReps(a, t.id)]));
    for (const country of options.countries) {
      closest[country] ??= {};
      const vals = options.arms
        .map((arm) => [arm, byArm[arm]?.[country]?.[t.id]?.t_diff ?? null] as const)
        .filter((e): e is readonly [string, number] => e[1] !== null);
      if (vals.length === 0 || options.countries.length < 2) continue;
      const best = vals.reduce((b, x) => (x[1] < b[1] ? x : b));
      const bestReps = reps.get(best[0])?.get(country);
      const arms = vals
        .filter(([arm, v]) => {
          if (arm === best[0]) return true;
          const other = reps.get(arm)?.get(country);
          if (!bestReps || !other) return v - best[1] <= 1e-12;
          const iv = percentileInterval(differenceReplicates(other, bestReps));
          return !iv || iv[0] <= 0; // not decidedly worse than the best
        })
        .map(([a]) => a);
      if (arms.length === 1) closestCounts[arms[0] as string] = (closestCounts[arms[0] as string] ?? 0) + 1;
      (closest[country] as Record<string, string[]>)[t.id] = arms;
    }
  }
  // reliability (first sample of each persona) and acquiescence (all answers, raw codes)
  const scoring = instrument.scoring;
  const byItem = new Map(instrument.items.map((i) => [i.id, i]));
  const reliability: TraitMetrics["reliability"] = {};
  const acquiescence: TraitMetrics["acquiescence"] = {};
  const midpoint = (scoring.scaleMin + scoring.scaleMax) / 2;
  for (const arm of options.arms) {
    const first = [...answers.values()].filter((a) => a.arm === arm && a.sample === 0);
    reliability[arm] = {};
    for (const t of instrument.scoring.traits) {
      const rows = first.map((a) =>
        t.items.map((id) => {
          const v = a.values[id];
          const item = byItem.get(id);
          if (typeof v !== "number" || !item) return null;
          return item.direction === -1 ? scoring.scaleMin + scoring.scaleMax - v : v;
        }),
      );
      (reliability[arm] as Record<string, Reliability>)[t.id] = scaleReliability(rows);
    }
    acquiescence[arm] = {};
    for (const country of options.countries) {
      const raw = [...answers.values()]
        .filter((a) => a.arm === arm && a.country === country)
        .flatMap((a) => Object.values(a.values).filter((v): v is number => typeof v === "number"));
      const m = plainMean(raw);
      (acquiescence[arm] as Record<string, number | null>)[country] = m === null ? null : Number((m - midpoint).toFixed(4));
    }
  }
  return {
    kind: "trait-means",
    traits,
    arms: [...options.arms],
    countries: [...options.countries],
    reference: {
      source: culture.provenance.source,
      metric: culture.metric,
      what: `culture means of OBSERVER ratings (NEO-PI-R Form R) of targets by college students in ${culture.cultures.length} cultures — not self-reports, not IPIP-50, not national samples; compare ranks/correlations across countries`,
      cultures: culture.cultures.length,
    },
    t_scale: {
      sd: commonSd,
      source:
        "one SD for every arm: the pooled within-country SD of persona trait scores over all arms (no individual-level IPIP-50 reference SD ships); 10 T points = 1 SD, as in the reference's T metric",
    },
    reliability,
    acquiescence,
    persona_scores: personaScores,
    countries_by_arm: byArm,
    summary,
    closest,
    closest_counts: closestCounts,
  };
}
