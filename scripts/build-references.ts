// generates data/references/ from ../shared/data:
// - wvs7.json: weighted WVS-7 answer distributions for every item of data/instruments/wvs.json in
//   every country available — 56 countries from the v5.0 microdata (quality "high",
//   wvs7_country_marginals.json) plus the PDF-based (medium) and small/defective US (low) sources
//   of wvs7_target_questions_long.csv; dk/na shares; Q254 code 5 dropped and renormalised;
// - wvs7-conditional.json: distributions by sex, age3, edu3 and urban/rural
//   (wvs7_conditional_by_demo.csv) for the shipped items;
// - bigfive-culture-means.json: McCrae & Terracciano (2005) culture-level mean T-scores (big5_apt.csv).
// run: npx tsx scripts/build-references.ts [--out DIR]   (after build-instruments; default DIR: data/references)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataPath, sharedDataDir } from "../core/package-root.js";
import { loadInstrument } from "../surveys/load-instrument.js";
import { validCodes } from "../surveys/item-codes.js";
import { parseCsvText } from "../surveys/parse-csv-text.js";
import { POPULATION_COUNTRIES } from "./build-populations.js";
import { parseCsv } from "./wvs7-joint-tables.js";
import {
  BigFiveCultureFileSchema,
  ConditionalFileSchema,
  WvsReferenceFileSchema,
  type BigFiveCultureFile,
  type ConditionalFile,
  type ReferenceCountry,
  type ReferenceItem,
  type ReferenceQuality,
  type WvsReferenceFile,
} from "../surveys/references/reference-schema.js";

const shared = sharedDataDir();
if (!shared) {
  console.error("build-references: ../shared/data not found (set DEEPPERSONA_SHARED_DATA)");
  process.exit(1);
}
const wvsDir = join(shared, "wvs7_microdata_derived");

/** the population countries' names (HKG and MAC as "SAR") and the countries with references only */
const COUNTRY_NAMES: Record<string, string> = {
  ...Object.fromEntries(POPULATION_COUNTRIES.map((c) => [c.iso3, c.name])),
  HKG: "Hong Kong SAR",
  MAC: "Macao SAR",
  AUT: "Austria",
  BEL: "Belgium",
  BFA: "Burkina Faso",
  BWA: "Botswana",
  CHE: "Switzerland",
  DNK: "Denmark",
  ESP: "Spain",
  EST: "Estonia",
  HRV: "Croatia",
  ISL: "Iceland",
  ITA: "Italy",
  KWT: "Kuwait",
  MLT: "Malta",
  POL: "Poland",
  PRT: "Portugal",
  SVN: "Slovenia",
  UGA: "Uganda",
};
const nameOf = (iso3: string): string => {
  const n = COUNTRY_NAMES[iso3];
  if (!n) throw new Error(`no name for ${iso3}; add it to COUNTRY_NAMES`);
  return n;
};

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

const wvs = loadInstrument("wvs");
const items = wvs.items;
const excludedCodes = new Map(items.map((i) => [i.id, i.missingCodes.filter((m) => m.kind === "excluded").map((m) => m.code)]));
const itemCodes = new Map(items.map((i) => [i.id, validCodes(i)]));

/** shares on the item's support: excluded codes dropped, absent codes 0, renormalised */
function normaliseDist(itemId: string, raw: Record<string, number>): { dist: Record<string, number>; excludedShare: number } {
  const codes = itemCodes.get(itemId) as number[];
  const excluded = excludedCodes.get(itemId) ?? [];
  let excludedShare = 0;
  for (const code of excluded) excludedShare += raw[String(code)] ?? 0;
  for (const key of Object.keys(raw)) {
    const code = Number(key);
    if (!codes.includes(code) && !excluded.includes(code)) throw new Error(`${itemId}: unexpected code ${key} in a reference`);
  }
  let total = 0;
  for (const c of codes) total += raw[String(c)] ?? 0;
  if (!(total > 0)) throw new Error(`${itemId}: empty reference distribution`);
  const dist: Record<string, number> = {};
  for (const c of codes) dist[String(c)] = round((raw[String(c)] ?? 0) / total);
  return { dist, excludedShare: round(excludedShare / (total + excludedShare)) };
}

/** n less the respondents of the excluded codes (then approximate) */
const nWithout = (n: number, excludedShare: number) => (excludedShare > 0 ? Math.round(n * (1 - excludedShare)) : n);

/** one item's reference from raw shares by code */
function reference(
  itemId: string,
  raw: Record<string, number>,
  n: number | null,
  [dkShare, naShare]: [number | null, number | null],
  quality: ReferenceQuality,
  source: string,
): ReferenceItem {
  const { dist, excludedShare } = normaliseDist(itemId, raw);
  const ref: ReferenceItem = { n: n === null ? null : nWithout(n, excludedShare), dist, dkShare, naShare, quality, source };
  if (excludedShare > 0) {
    ref.excludedShare = excludedShare;
    if (n !== null) ref.nApprox = true;
  }
  return ref;
}

// ---------------------------------------------------------------------------------------------
// high: weighted microdata marginals (56 countries)
interface Marginal {
  n_valid: number;
  dist: Record<string, number>;
  dk_share: number;
  na_share: number;
}
const marginals = JSON.parse(readFileSync(join(wvsDir, "wvs7_country_marginals.json"), "utf8")) as {
  meta: Record<string, { n_respondents: number; year: string }>;
  data: Record<string, Record<string, Marginal>>;
};

const countries: Record<string, ReferenceCountry> = {};
const stats = { high: 0, medium: 0, low: 0, missingPairs: [] as string[] };
for (const [iso3, vars] of Object.entries(marginals.data).sort(([a], [b]) => a.localeCompare(b))) {
  const meta = marginals.meta[iso3];
  const out: Record<string, ReferenceItem> = {};
  for (const item of items) {
    const m = vars[item.id];
    if (!m) {
      stats.missingPairs.push(`${iso3}:${item.id}`);
      continue;
    }
    out[item.id] = reference(item.id, m.dist, m.n_valid, [m.dk_share, m.na_share], "high", "wvs7_microdata");
    stats.high++;
  }
  countries[iso3] = {
    name: nameOf(iso3),
    year: meta?.year ?? null,
    nRespondents: meta?.n_respondents ?? null,
    quality: "high",
    items: out,
  };
}

// ---------------------------------------------------------------------------------------------
// medium/low: the long file (PDF figures renormalised; US subsamples). its "high" rows repeat the
// marginals: check they agree.
interface LongGroup {
  country: string;
  question: string;
  source: string;
  quality: ReferenceQuality;
  n: number | null;
  shares: Record<string, number>;
}
const groups = new Map<string, LongGroup>();
let maxHighDiff = 0;
for (const r of parseCsv(readFileSync(join(wvsDir, "wvs7_target_questions_long.csv"), "utf8"))) {
  const country = r.country_iso3 as string;
  const question = r.question as string;
  const source = r.source as string;
  const quality = r.quality as ReferenceQuality;
  const code = r.code as string;
  const share = Number(r.share);
  const nText = r.n_valid_unweighted ?? "";
  if (quality === "high") {
    const m = marginals.data[country]?.[question];
    if (!m) throw new Error(`long file: high row ${country} ${question} without marginals`);
    maxHighDiff = Math.max(maxHighDiff, Math.abs((m.dist[code] ?? 0) - share));
    continue;
  }
  const key = `${country}|${question}|${source}`;
  const g = groups.get(key) ?? { country, question, source, quality, n: nText === "" ? null : Number(nText), shares: {} };
  g.shares[code] = share;
  groups.set(key, g);
}

// dk / na shares of the PDF-based countries from the raw PDF extract
const ISO2_TO_3: Record<string, string> = { CA: "CAN", CN: "CHN", HK: "HKG", IN: "IND", ID: "IDN", NL: "NLD", TR: "TUR" };
const pdf = parseCsvText(readFileSync(join(wvsDir, "hana_wvsResults_pdf_extract.csv"), "utf8"));
const pdfMissing = new Map<string, { dk: number | null; na: number | null }>();
for (const r of pdf.rows) {
  const iso3 = ISO2_TO_3[r[0] as string];
  if (!iso3) continue;
  const cols = (r[2] ?? "").split("|");
  const vals = (r[3] ?? "").split("|");
  const get = (name: string) => {
    const i = cols.indexOf(name);
    const v = i >= 0 ? vals[i] : undefined;
    return v === undefined || v === "" ? null : round(Number(v) / 100);
  };
  pdfMissing.set(`${iso3}|${r[1]}`, { dk: get("DK"), na: get("NA") });
}

const SOURCE_RANK: Record<string, number> = {
  hana_results_pdf_v6_renormalized: 0,
  bkhmsi_us_subsample_n303_weighted: 1,
  lilyflower_us_json_renormalized: 2,
};
const alternativesSkipped: string[] = [];
const sortedGroups = [...groups.values()].sort(
  (a, b) =>
    a.country.localeCompare(b.country) ||
    a.question.localeCompare(b.question) ||
    (SOURCE_RANK[a.source] ?? 9) - (SOURCE_RANK[b.source] ?? 9),
);
for (const g of sortedGroups) {
  if (!itemCodes.has(g.question)) continue;
  if (marginals.data[g.country]) throw new Error(`${g.country} has microdata and a ${g.quality} source`);
  const c = (countries[g.country] ??= { name: nameOf(g.country), year: null, nRespondents: null, quality: g.quality, items: {} });
  if (c.items[g.question]) {
    alternativesSkipped.push(`${g.country} ${g.question} ${g.source}`);
    continue;
  }
  const miss = pdfMissing.get(`${g.country}|${g.question}`);
  c.items[g.question] = reference(g.question, g.shares, g.n, [miss?.dk ?? null, miss?.na ?? null], g.quality, g.source);
  if (g.quality === "medium") stats.medium++;
  else stats.low++;
  if (g.quality === "medium" && c.quality === "low") c.quality = "medium";
}

const wvsFile: WvsReferenceFile = {
  provenance: {
    source:
      "World Values Survey wave 7 (2017–2022), data file v5.0, weighted with W_WEIGHT (Haerpfer et al. 2022, doi:10.14281/18241.20); aggregates from ../shared/data/wvs7_microdata_derived",
    year: 2022,
    licence: "WVS terms: non-profit use with citation; aggregates only (no respondent-level data redistributed)",
    note: "dist = shares of valid answers on the item's full support (absent codes = 0), summing to 1; don't know / no answer are excluded from dist and given as dkShare / naShare of all respondents. Q254 code 5 ('I am not a national') is dropped and the four codes renormalised (excludedShare; n then approximate). quality: high = weighted microdata (56 countries); medium = official 'Results by Country v6' PDF figures renormalised, no n (CAN CHN HKG IDN IND NLD TUR); low = small or defective US sources (n=303 subsample) — label them in outputs. Generated by scripts/build-references.ts.",
  },
  sources: {
    wvs7_microdata: "WVS-7 v5.0 respondent file, weighted (W_WEIGHT) shares, unweighted n",
    hana_results_pdf_v6_renormalized: "WVS-7 'Results by Country' v6 PDF percentages, renormalised over the substantive codes",
    bkhmsi_us_subsample_n303_weighted: "US subsample of 303 respondents, weighted (small; use with care)",
    lilyflower_us_json_renormalized: "US figures from a third-party JSON, renormalised (no n; defective)",
  },
  countries: Object.fromEntries(Object.entries(countries).sort(([a], [b]) => a.localeCompare(b))),
};

// ---------------------------------------------------------------------------------------------
// conditional distributions by demographic group
const condCountries: ConditionalFile["countries"] = {};
const levels: Record<string, Set<string>> = {};
let condRows = 0;
const condSkipped = new Set<string>();
for (const r of parseCsv(readFileSync(join(wvsDir, "wvs7_conditional_by_demo.csv"), "utf8"))) {
  const country = r.country_iso3 as string;
  const question = r.question as string;
  const dimension = r.dimension as string;
  const level = r.level as string;
  if (!itemCodes.has(question)) {
    condSkipped.add(question);
    continue;
  }
  const raw: Record<string, number> = {};
  for (const pair of (r.dist_code_share ?? "").split(";")) {
    const [code, share] = pair.split(":");
    if (code !== undefined && share !== undefined && code !== "") raw[code] = Number(share);
  }
  if (Object.keys(raw).length === 0) continue;
  const { dist, excludedShare } = normaliseDist(question, raw);
  const codes = itemCodes.get(question) as number[];
  const n = Number(r.n_unweighted);
  const byItem = (condCountries[country] ??= {});
  const entry = (byItem[question] ??= { codes, groups: {} });
  entry.groups[`${dimension}=${level}`] = {
    n: nWithout(n, excludedShare),
    p: codes.map((c) => dist[String(c)] ?? 0),
  };
  (levels[dimension] ??= new Set()).add(level);
  condRows++;
}
const conditionalFile: ConditionalFile = {
  provenance: {
    source:
      "World Values Survey wave 7 v5.0 microdata, weighted answer shares within demographic groups (../shared/data/wvs7_microdata_derived/wvs7_conditional_by_demo.csv)",
    year: 2022,
    licence: "WVS terms: non-profit use with citation (Haerpfer et al. 2022, doi:10.14281/18241.20); aggregates only",
    note: "groups: sex (female/male), age3 (18-29/30-49/50+), edu3 (lower/middle/higher), urbrur (urban/rural; not fielded everywhere). p = shares aligned with codes (missing excluded; Q254 code 5 dropped and renormalised, n then approximate); n = unweighted respondents in the group. Generated by scripts/build-references.ts.",
  },
  levels: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, [...v].sort()])),
  countries: condCountries,
};

// ---------------------------------------------------------------------------------------------
// Big Five culture means (McCrae & Terracciano 2005)
const SOURCE_CODE_FIX: Record<string, string> = { MOR: "MAR", SKO: "KOR" };
const cultures = parseCsv(readFileSync(join(shared, "big5", "big5_apt.csv"), "utf8")).map((r) => {
  const code = r.Country as string;
  const iso3 = SOURCE_CODE_FIX[code] ?? code;
  return {
    iso3,
    name: nameOf(iso3),
    ...(iso3 !== code ? { sourceCode: code } : {}),
    O: Number(r.openness),
    C: Number(r.conscientiousness),
    E: Number(r.extraversion),
    A: Number(r.agreeableness),
    N: Number(r.neuroticism),
  };
});
const bigFiveFile: BigFiveCultureFile = {
  provenance: {
    source:
      "McCrae, R. R., & Terracciano, A. (2005). Personality profiles of cultures: Aggregate personality traits. Journal of Personality and Social Psychology, 89(3), 407–425 (../shared/data/big5/big5_apt.csv)",
    year: 2005,
    licence: "published aggregate figures, cited for research use",
    note: "Observer ratings (NEO-PI-R, Form R) of college-age and adult targets by college students in 49 cultures (50.6% women). Source codes MOR and SKO are Morocco (MAR) and South Korea (KOR); CHE averages the French- and German-speaking Swiss samples. Not available for KEN or EGY. Culture means are on a different instrument and metric than IPIP-50 answers: compare standardised scores or rank orders across countries, not raw means. Generated by scripts/build-references.ts.",
  },
  metric: "T-score (mean 50, SD 10 across individuals of the pooled sample); culture means typically lie within 45–55",
  cultures: cultures.sort((a, b) => a.iso3.localeCompare(b.iso3)),
};

// ---------------------------------------------------------------------------------------------
const outFlag = process.argv.indexOf("--out");
const outDir = outFlag > 0 && process.argv[outFlag + 1] ? (process.argv[outFlag + 1] as string) : dataPath("references");
mkdirSync(outDir, { recursive: true });
const write = (name: string, value: unknown) => {
  writeFileSync(join(outDir, name), JSON.stringify(value) + "\n");
  console.log(`build-references: wrote ${join(outDir, name)}`);
};
WvsReferenceFileSchema.parse(wvsFile);
ConditionalFileSchema.parse(conditionalFile);
BigFiveCultureFileSchema.parse(bigFiveFile);
write("wvs7.json", wvsFile);
write("wvs7-conditional.json", conditionalFile);
write("bigfive-culture-means.json", bigFiveFile);

console.log(
  `build-references: ${Object.keys(countries).length} countries; item references high ${stats.high}, medium ${stats.medium}, low ${stats.low}; ` +
    `no microdata for ${stats.missingPairs.length} country×item pairs (${stats.missingPairs.join(" ")}); ` +
    `long-file high rows vs marginals max |Δshare| = ${maxHighDiff.toFixed(6)}; ` +
    `second US source skipped for ${alternativesSkipped.length} items; conditional rows ${condRows}${condSkipped.size ? ` (skipped items not shipped: ${[...condSkipped].join(" ")})` : ""}; ` +
    `${cultures.length} Big Five cultures`,
);
