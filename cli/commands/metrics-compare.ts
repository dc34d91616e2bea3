// `deeppersona metrics compare`: simulated answers (CSV) vs a reference (CSV or a shipped WVS-7
// distribution `wvs:ISO3`), per question and on average, with bootstrap CIs.
import { defineCommand, type CommandContext } from "../command.js";
import { UsageError } from "../../core/errors.js";

const RECIPES = ["categorical", "deeppersona-official"] as const;
type Recipe = (typeof RECIPES)[number];

function parseCount(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined || value === false) return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got '${text}'`);
  return Number(text);
}

const round6 = (x: number): number => Number(x.toFixed(6));

type Estimate = { value: number | null; ci: [number, number] | null };

/** the distances every recipe reports, in output order */
const DISTANCES = ["ks", "wasserstein", "js_divergence", "js_distance", "mean_diff", "total_variation"] as const;
const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);

export const command = defineCommand({
  name: "metrics compare",
  summary: "compare simulated answers with a reference (ks, wasserstein, js, mean diff)",
  description:
    "Compares answer distributions per question. CSV: one row per respondent, one column per item (other columns such as ids are ignored; blank = missing; negative WVS codes = missing). " +
    "--reference may be a CSV or wvs:ISO3 (a shipped weighted WVS-7 distribution). " +
    "Recipe `categorical` (default) works on the item's codes: KS on ordinal CDFs, Wasserstein-1 in scale units (and / scale range), Jensen–Shannon divergence and distance in bits (log base 2), total variation, |mean difference|; answers that are not valid codes are excluded and counted. " +
    "Recipe `deeppersona-official` reproduces the DeepPersona authors' numbers (KS D and p-value, Wasserstein on raw values, JS distance with natural log on 19 bins, |mean diff|). " +
    "CIs (of the means; the distances get none — biased upward, their intervals miss small true distances): percentile bootstrap resampling the category counts of every CSV side; a wvs: reference is a fixed distribution, so only the simulated side is resampled. " +
    "Categorical recipe also reports per item `floor` (expected distance of n real respondents drawn from the reference), `uniform` (of n uniform answers) and `fidelity` = (uniform − d) / (uniform − floor) with a 95% CI from resampling respondents (rows), per metric and averaged; 1 = as close as real respondents, 0 = chance.",
  options: {
    simulated: { type: "string", description: "CSV of simulated answers", valueName: "FILE" },
    reference: { type: "string", description: "CSV of reference answers, or wvs:ISO3", valueName: "FILE|wvs:ISO3" },
    questions: { type: "string", description: "comma-separated item columns (default: the shared item columns)", valueName: "Q45,Q46" },
    recipe: { type: "string", description: "categorical | deeppersona-official", valueName: "NAME", default: "categorical" },
    "reference-rows": {
      type: "string",
      description: "use only the first N reference rows (CSV reference)",
      valueName: "N",
      range: { min: 1, max: 10000000 },
    },
    seed: { type: "string", description: "bootstrap seed", valueName: "SEED", default: "1" },
    bootstrap: {
      type: "string",
      description: "bootstrap replicates for the 95% CIs of the means (0 = none)",
      valueName: "N",
      default: "1000",
      range: { min: 0, max: 100000 },
    },
    json: { type: "boolean", description: "print JSON" },
    weights: {
      type: "string",
      description:
        "none | rake: weight the simulated rows to the population tables (needs sex, age [, education, urban] columns); weighted metrics with Kish-n intervals, unweighted alongside",
      valueName: "none|rake",
      default: "none",
    },
    pool: {
      type: "boolean",
      description:
        "pool all rows even when the simulated CSV has an arm column (default: one comparison per arm × country, e.g. a run's responses-wide.csv)",
    },
  },
  examples: [
    "deeppersona metrics compare --simulated sim.csv --reference wvs:DEU --questions Q45,Q46,Q57",
    "deeppersona metrics compare --simulated ours.csv --reference wvs_canada.csv --reference-rows 40 --recipe deeppersona-official --json",
  ],
  async run(ctx: CommandContext): Promise<number> {
    const { existsSync, readFileSync, statSync } = await import("node:fs");
    const { resolve } = await import("node:path");
    const { readCsvHeader, parseResponseCsv } = await import("../../surveys/read-response-csv.js");
    const { compareCategorical } = await import("../../surveys/metrics/compare-categorical.js");
    const { compareOfficial } = await import("../../surveys/metrics/compare-official.js");
    const { averageMetrics } = await import("../../surveys/metrics/average-metrics.js");
    const { columnsFidelity } = await import("../../surveys/metrics/columns-fidelity.js");
    const { effectiveCounts } = await import("../../surveys/metrics/effective-counts.js");
    const { findItemAnywhere } = await import("../../surveys/load-instrument.js");
    const { closeMatches: closeNames } = await import("../../core/close-matches.js");
    const { decodeUtf8 } = await import("../../core/input/read-utf8-file.js");

    const grouped = await (await import("../metrics-compare-groups.js")).compareByGroup(ctx, command);
    if (grouped !== undefined) return grouped;
    const v = ctx.values;
    const recipe = String(v.recipe ?? "categorical") as Recipe;
    if (!RECIPES.includes(recipe)) {
      const hint = closeNames(recipe, RECIPES);
      throw new UsageError(`unknown recipe '${recipe}'; use ${RECIPES.join(" or ")}${hint.length ? ` (did you mean ${hint[0]}?)` : ""}`);
    }
    if (typeof v.simulated !== "string" || v.simulated === "") throw new UsageError("--simulated FILE is required");
    if (typeof v.reference !== "string" || v.reference === "") throw new UsageError("--reference FILE|wvs:ISO3 is required");
    const replicates = parseCount(v.bootstrap, "bootstrap", 0) ?? 0;
    const referenceRows = parseCount(v["reference-rows"], "reference-rows", 1);
    const seed = String(v.seed ?? "1");
    const weightsKind = String(v.weights ?? "none");
    if (weightsKind !== "none" && weightsKind !== "rake") throw new UsageError(`--weights '${weightsKind}' must be none or rake`);
    if (weightsKind === "rake" && recipe !== "categorical")
      throw new UsageError(
        "--weights rake works with the categorical recipe only (the official recipe reproduces unweighted published numbers); drop --weights or --recipe",
      );

    const readFile = (label: string, value: string): Buffer => {
      const path = resolve(ctx.cwd, value);
      if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${label} file '${value}' not found`);
      const bytes = readFileSync(path);
      // invalid UTF-8 and a quoted field that never closes (a file cut off mid-row) are errors, not silent NaNs
      const text = decodeUtf8(bytes, value, `--${label} CSV`);
      if ((text.match(/"/g)?.length ?? 0) % 2 === 1)
        throw new UsageError(`${value}:${text.split("\n").length}: a quoted field is never closed (was the file cut off?); fix the CSV`);
      return bytes;
    };
    const simBuf = readFile("simulated", v.simulated);
    const simHeader = readCsvHeader(simBuf).header;

    const wvsMatch = /^wvs:(.+)$/i.exec(v.reference);
    const refBuf = wvsMatch ? undefined : readFile("reference", v.reference);
    const refHeader = refBuf ? readCsvHeader(refBuf).header : undefined;
    if (wvsMatch && referenceRows !== undefined)
      throw new UsageError("--reference-rows needs a CSV reference (wvs: references are distributions, not rows)");

    // reference distributions (loaded lazily, only for wvs:)
    const refs = wvsMatch ? await import("../../surveys/references/load-reference.js") : undefined;
    const country = wvsMatch ? (wvsMatch[1] as string).trim() : undefined;
    if (refs && country !== undefined) refs.referenceItems(country); // unknown country → one-line error

    // the questions
    let questions: string[];
    if (typeof v.questions === "string" && v.questions.trim() !== "") {
      const named = v.questions.split(",").map((q) => q.trim());
      questions = [...new Set(named.filter((q) => q !== ""))];
      for (const q of questions) {
        for (const [header, file] of [[simHeader, v.simulated] as const, [refHeader, v.reference] as const]) {
          if (!header || header.includes(q)) continue;
          const hint = closeNames(q, header);
          throw new UsageError(
            `unknown question '${q}': not a column of ${file}${hint.length ? ` (close matches: ${hint.join(", ")})` : ""}`,
          );
        }
        if (refs && country !== undefined) refs.loadReference(country, q); // no reference → one-line error
      }
    } else {
      if (refs && country !== undefined) {
        const available = new Set(refs.referenceItems(country));
        questions = simHeader.filter((c) => available.has(c));
      } else {
        const shared = simHeader.filter((c) => refHeader?.includes(c));
        const known = shared.filter((c) => findItemAnywhere(c) !== undefined);
        questions = known.length > 0 ? known : shared.filter((c) => /^Q\d+[A-Za-z0-9_]*$/.test(c));
      }
      if (questions.length === 0) {
        throw new UsageError(`no item columns in common between ${v.simulated} and ${v.reference}; name them with --questions Q45,Q46`);
      }
    }

    const sim = parseResponseCsv(simBuf, { columns: questions });
    const csvWeights =
      weightsKind === "rake"
        ? (await import("../metrics-compare-weights.js")).csvRakeWeights(simBuf.toString("utf8"), v.simulated, country)
        : undefined;
    const ref = refBuf
      ? parseResponseCsv(refBuf, { columns: questions, ...(referenceRows !== undefined ? { maxRows: referenceRows } : {}) })
      : undefined;

    const results: Record<string, Record<string, unknown>> = {};
    const metricRecords: import("../../surveys/metrics/average-metrics.js").MetricRecord[] = [];
    const notices: string[] = [];
    const fidelityColumns: import("../../surveys/metrics/columns-fidelity.js").FidelityColumn[] = [];
    const lowQuality = new Map<string, string[]>();
    for (const q of questions) {
      const simValues = sim.columns.get(q) as Float64Array;
      const wvsRef = refs && country !== undefined ? refs.loadReference(country, q) : undefined;
      const refInput = wvsRef ? { codes: wvsRef.codes, shares: wvsRef.shares, n: wvsRef.n } : (ref?.columns.get(q) as Float64Array);
      const known = findItemAnywhere(q);
      let r: Record<string, unknown> & Record<(typeof DISTANCES)[number], number | null>;
      if (recipe === "categorical") {
        const options = { ...(known ? { item: known.item } : {}), bootstrap: replicates, seed };
        const c0 = compareCategorical(simValues, refInput, options);
        // weighted: the simulated side as effective counts (weighted shares × Kish's n), so every
        // distance uses the weighted shares and the bootstrap resamples at the effective n
        const weighted = csvWeights
          ? effectiveCounts(
              Array.from(simValues, (answer, i) => ({ answer, weight: csvWeights.weights[i] ?? 1 })),
              c0.support,
              c0.missing_simulated,
              c0.invalid_simulated,
            )
          : undefined;
        const c = weighted ? compareCategorical(weighted.input, refInput, options) : c0;
        r = { ...c, item_known: known !== undefined, ...(known ? { instrument: known.instrument.id } : {}) };
        if (weighted) {
          r.n_simulated = c0.n_simulated;
          r.kish_n_simulated = round6(weighted.kish);
          r.unweighted = pick(c0, ["ks", "wasserstein", "js_distance", "total_variation", "mean_diff", "simulated_shares", "ci95"]);
        }
        if (c.support.length > 1 && c0.n_simulated !== null && c0.n_simulated > 0 && c.reference_shares.some((x) => x > 0)) {
          fidelityColumns.push({
            item: q,
            values: simValues,
            support: c.support,
            reference: c.reference_shares,
            ordinal: c.ordinal,
            ...(csvWeights ? { weights: csvWeights.weights } : {}),
          });
        }
        if (!known) notices.push(`${q}: not an item of a shipped instrument — support = the observed values, treated as ordinal`);
        if (c.invalid_simulated > 0) {
          const nonInteger = simValues.some((x) => Number.isFinite(x) && !Number.isInteger(x));
          notices.push(
            `${q}: ${c.invalid_simulated} simulated answers are not valid codes and were excluded${nonInteger ? " (non-integer values look like averaged samples; --recipe deeppersona-official compares raw values)" : ""}`,
          );
        }
        if (c.invalid_reference > 0 && !wvsRef)
          notices.push(`${q}: ${c.invalid_reference} reference answers are not valid codes and were excluded`);
        if (c.note) notices.push(`${q}: ${c.note}`);
      } else {
        const o = compareOfficial(simValues, refInput, { itemId: q, bootstrap: replicates, seed });
        r = { ...o };
        if (o.note) notices.push(`${q}: ${o.note}`);
      }
      if (wvsRef) {
        r.reference_quality = wvsRef.quality;
        r.reference_source = wvsRef.source;
        if (wvsRef.excludedShare > 0) r.reference_excluded_share = wvsRef.excludedShare;
        if (wvsRef.quality !== "high") {
          const key = `${wvsRef.country} is ${wvsRef.quality} quality (${wvsRef.source}${wvsRef.n === null ? "; no sample size, so no reference sampling error" : ""})`;
          lowQuality.set(key, [...(lowQuality.get(key) ?? []), q]);
        }
      }
      results[q] = r;
      const normalised = typeof r.wasserstein_normalised === "number" ? r.wasserstein_normalised : null;
      metricRecords.push({ ...pick(r, DISTANCES), wasserstein_normalised: normalised });
    }
    for (const [what, items] of lowQuality) notices.push(`reference ${what} for ${items.join(" ")}`);
    // floor (n real respondents from the reference), uniform (n uniform answers), fidelity
    const fidelity =
      recipe === "categorical" && fidelityColumns.length > 0
        ? columnsFidelity(fidelityColumns, { bootstrap: replicates, seed })
        : undefined;
    const unweightedFidelity =
      csvWeights && fidelityColumns.length > 0
        ? columnsFidelity(
            fidelityColumns.map(({ weights: _w, ...c }) => c),
            { bootstrap: replicates, seed },
          )
        : undefined;
    if (fidelity) {
      for (const [q, f] of Object.entries(fidelity.items)) {
        const r = results[q] as Record<string, unknown>;
        const by = (key: "floor" | "uniform" | "distance") =>
          Object.fromEntries(Object.entries(f.metrics).map(([m, x]) => [m, round6(x[key])]));
        r.n_eff = round6(f.n_eff);
        r.floor = by("floor");
        r.uniform = by("uniform");
        r.fidelity = { ...f.fidelity, ...Object.fromEntries(Object.entries(f.metrics).map(([m, x]) => [m, x.fidelity])) };
        r.excess = Object.fromEntries(Object.entries(f.metrics).map(([m, x]) => [m, x.excess]));
        const uf = unweightedFidelity?.items[q];
        if (uf && r.unweighted) (r.unweighted as Record<string, unknown>).fidelity = uf.fidelity;
        if (f.note) notices.push(`${q}: ${f.note}`);
      }
      if (ref)
        notices.push(
          "the reference is a CSV sample: floor and uniform treat its shares as the truth (its own sampling error is not in the fidelity interval)",
        );
    }
    const avg = averageMetrics(metricRecords);
    const average = {
      ...pick(avg, DISTANCES),
      ...(recipe === "categorical" ? { wasserstein_normalised: avg.wasserstein_normalised } : {}),
      n_items: avg.n_items,
      n_per_metric: avg.n_per_metric,
      ...(fidelity ? { fidelity: fidelity.average } : {}),
      ...(unweightedFidelity ? { unweighted_fidelity: unweightedFidelity.average } : {}),
    };
    const jsNote =
      recipe === "categorical"
        ? "Jensen–Shannon divergence and distance in bits (log base 2) on the item's codes"
        : "their 'JS' is a Jensen–Shannon DISTANCE with the natural log on 19 equal-width bins over the pooled range; js_divergence is its square";
    const output = {
      recipe,
      js_log_base: recipe === "categorical" ? 2 : "e",
      js_note: jsNote,
      simulated: v.simulated,
      reference: v.reference,
      reference_rows: referenceRows ?? null,
      rows_simulated: sim.rows,
      rows_reference: ref ? ref.rows : null,
      bootstrap: replicates > 0 ? { replicates, seed, method: "percentile", confidence: 0.95 } : null,
      fidelity_method:
        recipe === "categorical"
          ? "fidelity = (uniform − d) / (uniform − floor) per metric (KS, W1, JS distance), item fidelity = their mean; floor/uniform = expected distance of n real/uniform answers (seeded Monte Carlo, n = valid answers); CI = centered bootstrap over resampled respondents (rows), coverage checked by simulation"
          : null,
      weights: csvWeights
        ? {
            kind: "rake" as const,
            method:
              "raked to the population tables (sex × age band, education level, urban/rural) from the weight column or 1; distances on weighted shares; CIs resample at Kish's effective n; unweighted figures alongside",
            by_country: csvWeights.by_country,
          }
        : { kind: "none" as const },
      questions: results,
      average,
    };

    for (const n of notices) ctx.stderr.write(`deeppersona metrics compare: ${n}\n`);
    if (v.json) {
      ctx.stdout.write(JSON.stringify(output, null, 2) + "\n");
      return 0;
    }
    ctx.stdout.write(formatTable(output.recipe, jsNote, v.reference, results, average, replicates, seed));
    if (csvWeights) {
      const uf = average.unweighted_fidelity as Estimate | undefined;
      const lines = Object.entries(csvWeights.by_country).map(
        ([c, x]) =>
          `weights: rows raked to the ${c} population (${x.dimensions.join(", ")}), Kish n ${x.kish_n.toFixed(1)} of ${x.n}${x.converged ? "" : ` — raking did not converge (max error ${x.max_error})`}; the figures above are weighted`,
      );
      if (uf) lines.push(`unweighted average fidelity: ${fmt(uf.value, 2)}${uf.ci ? ` [${fmt(uf.ci[0], 2)}, ${fmt(uf.ci[1], 2)}]` : ""}`);
      ctx.stdout.write(lines.join("\n") + "\n");
    }
    return 0;
  },
});

function formatTable(
  recipe: Recipe,
  jsNote: string,
  reference: string,
  results: Record<string, Record<string, unknown>>,
  average: Record<string, unknown>,
  replicates: number,
  seed: string,
): string {
  const num = (r: Record<string, unknown>, k: string) => (typeof r[k] === "number" ? (r[k] as number) : null);
  const head = ["item", "n_sim", "n_ref", "KS", "W1", "JS div", "JS dist", "TV", "mean sim", "mean ref", "|Δmean|"];
  // the key of each column after the item; the average row leaves the counts and means blank
  const keys = ["n_simulated", "n_reference", "ks", "wasserstein", "js_divergence", "js_distance", "total_variation"];
  const means = ["mean_simulated", "mean_reference", "mean_diff"];
  const count = (x: unknown) => (x === null || x === undefined ? "–" : String(x));
  const rows = Object.entries(results).map(([q, r]) => [
    q,
    ...keys.map((k, i) => (i < 2 ? count(r[k]) : fmt(num(r, k)))),
    ...means.map((k) => fmt(num(r, k))),
  ]);
  rows.push(["average", "", "", ...keys.slice(2).map((k) => fmt(num(average, k))), "", "", fmt(num(average, "mean_diff"))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
  const out = [
    `recipe ${recipe} · reference ${reference} · ${jsNote}`,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(0, -1).map(line),
    line(widths.map((w) => "-".repeat(w))),
    line(rows[rows.length - 1] as string[]),
  ];
  const fid = Object.entries(results).filter(([, r]) => r.fidelity);
  if (fid.length > 0) {
    const fi = (x: Estimate | undefined) =>
      x && x.value !== null ? `${fmt(x.value, 2)}${x.ci ? ` [${fmt(x.ci[0], 2)}, ${fmt(x.ci[1], 2)}]` : ""}` : "–";
    out.push(
      "",
      "fidelity = (uniform − d) / (uniform − floor): 1 = as close as real respondents of the same n, 0 = no better than uniform answers",
    );
    for (const [q, r] of fid) {
      const fl = r.floor as Record<string, number>;
      const un = r.uniform as Record<string, number>;
      out.push(
        `  ${q}: fidelity ${fi(r.fidelity as Estimate)}  (KS d ${fmt(num(r, "ks"))} floor ${fmt(fl.ks)} uniform ${fmt(un.ks)}; JS d ${fmt(num(r, "js_distance"))} floor ${fmt(fl.js_distance)} uniform ${fmt(un.js_distance)})`,
      );
    }
    const af = average.fidelity as Estimate | undefined;
    if (af) out.push(`  average: fidelity ${fi(af)}`);
  }
  if (replicates > 0) {
    out.push(
      "",
      `95% CIs of the means (percentile bootstrap, ${replicates} replicates, seed ${seed}; CSV sides resampled, wvs: references held fixed; the distances get none: biased upward, their intervals miss small true distances — see fidelity):`,
    );
    for (const [q, r] of Object.entries(results)) {
      const ci = r.ci95 as Record<string, [number, number]> | null;
      if (!ci) continue;
      const part = (k: string, label: string) => (ci[k] ? `${label} [${fmt(ci[k][0])}, ${fmt(ci[k][1])}]` : null);
      out.push(
        `  ${q}: ${[part("mean_simulated", "mean sim"), part("mean_reference", "mean ref"), part("mean_diff_signed", "Δmean")].filter(Boolean).join("  ")}`,
      );
    }
  }
  return out.join("\n") + "\n";
}
