// generates data/instruments/{wvs,bigfive,bfi44}.json from ../shared/data:
// - wvs: the item table below (wording written after the WVS-7 master questionnaire) + option
//   codes/labels and missing codes from the WVS-7 v5.0 codebook (worldvaluesbench/codebook.json),
//   cross-checked against questionnaire_wvs.csv and the reference marginals;
// - bigfive: big5/ipip50_items.csv (IPIP 50 Big-Five Factor Markers, public domain);
// - bfi44: big5/bfi44_items.csv (BFI-44, non-commercial research use only).
// run: npx tsx scripts/build-instruments.ts [--out DIR]   (default DIR: data/instruments)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataPath, sharedDataDir } from "../core/package-root.js";
import { InstrumentSchema, type InstrumentInput, type MissingCode } from "../surveys/instrument-schema.js";
import { parseCsvText } from "../surveys/parse-csv-text.js";
import { idfWeights, lexicalSimilarity } from "../surveys/mirror-similarity.js";
import { MIRRORS_FILE, MirrorsFileSchema } from "../surveys/load-mirrors.js";
import { loadTaxonomy } from "../persona-engine/taxonomy/load-taxonomy.js";

const shared = sharedDataDir();
if (!shared) {
  console.error("build-instruments: ../shared/data not found (set DEEPPERSONA_SHARED_DATA)");
  process.exit(1);
}

type Codebook = Record<string, { question: string; choices: Record<string, string> }>;
const codebook = JSON.parse(readFileSync(join(shared, "worldvaluesbench", "codebook.json"), "utf8")) as Codebook;
const marginals = JSON.parse(readFileSync(join(shared, "wvs7_microdata_derived", "wvs7_country_marginals.json"), "utf8")) as {
  data: Record<string, Record<string, unknown>>;
};
const questionnaire = new Map(
  parseCsvText(readFileSync(join(shared, "dataspi_wvs7", "questionnaire_wvs.csv"), "utf8")).rows.map((r) => [r[0] ?? "", r[1] ?? ""]),
);

// ---------------------------------------------------------------------------------------------
// WVS-7 items. stems and item texts follow the WVS-7 master questionnaire (2017–2020); a battery
// item is asked one at a time as "<stem> — <item>".
const STEM = {
  important:
    "For each of the following, indicate how important it is in your life. Would you say it is very important, rather important, not very important or not at all important?",
  child:
    "Here is a list of qualities that children can be encouraged to learn at home. Which, if any, do you consider to be especially important?",
  neighbours: "On this list are various groups of people. Could you please mention any that you would not like to have as neighbors?",
  agree4:
    "For each of the following statements I read out, can you tell me how strongly you agree or disagree with each. Do you strongly agree, agree, disagree, or strongly disagree?",
  agree5: "Do you agree, disagree or neither agree nor disagree with the following statement?",
  changes:
    "I'm going to read out a list of various changes in our way of life that might take place in the near future. Please tell me for each one, if it were to happen, whether you think it would be a good thing, a bad thing, or don't you mind?",
  trust:
    "I'd like to ask you how much you trust people from various groups. Could you tell me for each whether you trust people from this group completely, somewhat, not very much or not at all?",
  confidence:
    "I am going to name a number of organizations. For each one, could you tell me how much confidence you have in them: is it a great deal of confidence, quite a lot of confidence, not very much confidence or none at all?",
  justify:
    'Please tell me for each of the following actions whether you think it can always be justified, never be justified, or something in between, using this scale where 1 means "never justifiable" and 10 means "always justifiable".',
  action:
    "Now I'd like you to look at this card. I'm going to read out some forms of political action that people can take, and I'd like you to tell me, for each one, whether you have actually done any of these things, whether you might do it or would never, under any circumstances, do it.",
  online:
    "I'm going to read out some other forms of political action that people can take using the Internet and social media tools like Facebook, Twitter etc., and I'd like you to tell me, for each one, whether you have done any of these things, whether you might do it or would never, under any circumstances, do it.",
  systems:
    "I'm going to describe various types of political systems and ask what you think about each as a way of governing this country. For each one, would you say it is a very good, fairly good, fairly bad or very bad way of governing this country?",
};

interface WvsSpec {
  id: string;
  title?: string;
  wording: string;
  category: "values" | "wellbeing" | "trust" | "religion" | "politics" | "ethics";
  kind: "single-choice" | "likert" | "numeric-scale";
  ordinal?: boolean;
  construct?: string;
  direction: 1 | -1;
  /** label overrides by code (questionnaire wording where the data label is terse) */
  labels?: Record<number, string>;
  /** answer codes dropped from the scale and renormalised (kept as "excluded" missing codes) */
  exclude?: Record<number, string>;
  note?: string;
}

const b = (stem: string, item: string) => `${stem} — ${item}`;

// the full lists of the two list questions, in questionnaire order (WVS-7 master questionnaire)
const CHILD_QUALITIES = [
  "Good manners",
  "Independence",
  "Hard work",
  "Feeling of responsibility",
  "Imagination",
  "Tolerance and respect for other people",
  "Thrift, saving money and things",
  "Determination, perseverance",
  "Religious faith",
  "Not being selfish (unselfishness)",
  "Obedience",
];
const NEIGHBOURS = [
  "Drug addicts",
  "People of a different race",
  "People who have AIDS",
  "Immigrants/foreign workers",
  "Homosexuals",
  "People of a different religion",
  "Heavy drinkers",
  "Unmarried couples living together",
  "People who speak a different language",
];

/** a battery's members Q<first>… with their labels, its codes checked against the codebook */
function battery(first: string, labels: readonly string[], codes: { 1: string; 2: string }) {
  const start = Number(first.slice(1));
  const members = labels.map((label, i) => ({ item: `Q${start + i}`, label }));
  for (const m of members) {
    const entry = codebook[m.item];
    if (!entry || entry.choices["1"] !== codes[1] || entry.choices["2"] !== codes[2])
      throw new Error(`build-instruments: codebook ${m.item} does not code 1 = ${codes[1]}, 2 = ${codes[2]}`);
  }
  return { mentionedCode: 1, notMentionedCode: 2, members };
}

/** single-choice and likert items list the strongest answer first (direction −1); numeric scales rise (direction 1) */
const itemOf =
  (kind: WvsSpec["kind"], direction: 1 | -1) =>
  (id: string, category: WvsSpec["category"], construct: string, wording: string, more: Partial<WvsSpec> = {}): WvsSpec => ({
    id,
    wording,
    category,
    kind,
    construct,
    direction,
    ...more,
  });
const choice = itemOf("single-choice", -1);
const likert = itemOf("likert", -1);
const scale = itemOf("numeric-scale", 1);

const WVS: WvsSpec[] = [
  choice("Q1", "values", "importance of family", b(STEM.important, "Family")),
  choice("Q6", "religion", "importance of religion", b(STEM.important, "Religion")),
  ...(
    [
      ["Q8", "Independence"],
      ["Q14", "Determination, perseverance"],
      ["Q15", "Religious faith"],
      ["Q17", "Obedience"],
    ] as const
  ).map(([id, q]) =>
    choice(id, "values", `mentioning ${q.toLowerCase()}`, b(STEM.child, q), {
      labels: { 1: "Mentioned as especially important", 2: "Not mentioned" },
      note: "Asked as part of battery Q7-Q17: one answer choosing up to five of the eleven qualities; recorded per quality (1 = mentioned, 2 = not mentioned).",
    }),
  ),
  choice("Q19", "values", "rejecting people of a different race as neighbors", b(STEM.neighbours, "People of a different race"), {
    labels: { 1: "Mentioned (would not like to have them as neighbors)", 2: "Not mentioned" },
    note: "Asked as part of battery Q18-Q26: one answer mentioning any of the nine groups; recorded per group (1 = mentioned, 2 = not mentioned).",
  }),
  likert("Q27", "values", "agreement", b(STEM.agree4, "One of my main goals in life has been to make my parents proud.")),
  likert("Q29", "values", "agreement", b(STEM.agree4, "On the whole, men make better political leaders than women do.")),
  likert("Q33", "values", "agreement", b(STEM.agree5, "When jobs are scarce, men should have more right to a job than women.")),
  choice("Q45", "values", "welcoming greater respect for authority", b(STEM.changes, "Greater respect for authority")),
  choice("Q46", "wellbeing", "happiness", "Taking all things together, would you say you are:"),
  choice("Q47", "wellbeing", "health", "All in all, how would you describe your state of health these days? Would you say it is:"),
  scale(
    "Q48",
    "wellbeing",
    "freedom of choice and control",
    'Some people feel they have completely free choice and control over their lives, while other people feel that what they do has no real effect on what happens to them. Please use this scale where 1 means "no choice at all" and 10 means "a great deal of choice" to indicate how much freedom of choice and control you feel you have over the way your life turns out.',
    { labels: { 1: "No choice at all", 10: "A great deal of choice" } },
  ),
  scale(
    "Q49",
    "wellbeing",
    "life satisfaction",
    'All things considered, how satisfied are you with your life as a whole these days? Using this scale on which 1 means you are "completely dissatisfied" and 10 means you are "completely satisfied", where would you put your satisfaction with your life as a whole?',
  ),
  choice(
    "Q57",
    "trust",
    "generalised trust",
    "Generally speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?",
    { note: "WVS-7 Q57 has TWO options; the four-point trust items are Q58–Q63." },
  ),
  ...(
    [
      ["Q58", "Your family"],
      ["Q59", "Your neighborhood"],
      ["Q60", "People you know personally"],
      ["Q61", "People you meet for the first time"],
      ["Q62", "People of another religion"],
      ["Q63", "People of another nationality"],
    ] as const
  ).map(([id, q]) => choice(id, "trust", "trust", b(STEM.trust, q), { title: `Trust: ${q}` })),
  choice("Q69", "trust", "confidence", b(STEM.confidence, "The police")),
  choice("Q71", "trust", "confidence", b(STEM.confidence, "The government (in your nation's capital)")),
  scale(
    "Q106",
    "politics",
    "preferring incentives for individual effort over income equality",
    'Now I\'d like you to tell me your views on various issues. How would you place your views on this scale? 1 means you agree completely with the statement on the left ("Incomes should be made more equal"); 10 means you agree completely with the statement on the right ("There should be greater incentives for individual effort"); and if your views fall somewhere in between, you can choose any number in between.',
    { labels: { 1: "Incomes should be made more equal", 10: "There should be greater incentives for individual effort" } },
  ),
  scale(
    "Q112",
    "politics",
    "perceived corruption",
    'Now I\'d like you to tell me your views on corruption — when people pay a bribe, give a gift or do a favor to other people in order to get the things they need done or the services they need. How would you place your views on corruption in your country on a 10-point scale where 1 means "there is no corruption in my country" and 10 means "there is abundant corruption in my country"?',
    { labels: { 1: "There is no corruption in my country", 10: "There is abundant corruption in my country" } },
  ),
  choice("Q131", "wellbeing", "feeling secure", "Could you tell me how secure do you feel these days in your neighborhood?", {
    labels: { 1: "Very secure" },
  }),
  {
    id: "Q154",
    wording:
      "People sometimes talk about what the aims of this country should be for the next ten years. If you had to choose, which one of the things on this card would you say is most important?",
    category: "politics",
    kind: "single-choice",
    ordinal: false,
    direction: 1,
    note: "Nominal (Inglehart's materialist/post-materialist battery, first choice): compare with JS divergence and total variation only.",
  },
  scale(
    "Q164",
    "religion",
    "importance of God",
    'How important is God in your life? Please use this scale to indicate. 10 means "very important" and 1 means "not at all important."',
  ),
  choice(
    "Q171",
    "religion",
    "religious attendance",
    "Apart from weddings and funerals, about how often do you attend religious services these days?",
  ),
  choice("Q173", "religion", "religiosity", "Independently of whether you attend religious services or not, would you say you are:"),
  ...(
    [
      ["Q177", "Claiming government benefits to which you are not entitled"],
      ["Q181", "Someone accepting a bribe in the course of their duties"],
      ["Q182", "Homosexuality"],
      ["Q184", "Abortion"],
      ["Q185", "Divorce"],
      ["Q186", "Sex before marriage"],
      ["Q188", "Euthanasia"],
    ] as const
  ).map(([id, q]) => scale(id, "ethics", "justifiability", b(STEM.justify, q))),
  choice("Q199", "politics", "interest in politics", "How interested would you say you are in politics? Are you:"),
  choice("Q209", "politics", "political participation", b(STEM.action, "Signing a petition"), {
    note: "Offline petition; the electronic petition is Q218.",
  }),
  choice("Q218", "politics", "online political participation", b(STEM.online, "Signing an electronic petition"), {
    note: "ELECTRONIC petition; the offline petition is Q209.",
  }),
  choice(
    "Q235",
    "politics",
    "approval of a strong leader",
    b(STEM.systems, "Having a strong leader who does not have to bother with parliament and elections"),
  ),
  scale(
    "Q240",
    "politics",
    "right-wing self-placement",
    'In political matters, people talk of "the left" and "the right." How would you place your views on this scale, generally speaking?',
  ),
  scale(
    "Q250",
    "politics",
    "importance of democracy",
    'How important is it for you to live in a country that is governed democratically? On this scale where 1 means it is "not at all important" and 10 means "absolutely important", what position would you choose?',
  ),
  choice("Q254", "politics", "national pride", "How proud are you of your nationality?", {
    exclude: { 5: "I am not a national of this country" },
    note: 'Questionnaire: "How proud are you to be [nationality]?". Four-point scale: code 5 ("I am not [nationality]") is excluded and the references are renormalised without it.',
  }),
];

const MISSING_KIND: Record<string, MissingCode["kind"]> = {
  "-1": "dont-know",
  "-2": "no-answer",
  "-3": "not-asked",
  "-4": "not-asked",
  "-5": "missing",
};

function titleFromCodebook(id: string): string {
  const q = codebook[id]?.question ?? id;
  return q.replace(/\s+/g, " ").trim();
}

function wvsItem(spec: WvsSpec): Record<string, unknown> {
  const cb = codebook[spec.id];
  if (!cb) throw new Error(`${spec.id}: not in the codebook`);
  if (!questionnaire.has(spec.id)) throw new Error(`${spec.id}: not in questionnaire_wvs.csv`);
  const countries = Object.values(marginals.data).filter((d) => spec.id in d).length;
  if (countries === 0) throw new Error(`${spec.id}: no reference marginals`);
  const options: { code: number; label: string }[] = [];
  const missingCodes: MissingCode[] = [];
  for (const [codeText, label] of Object.entries(cb.choices)) {
    const code = Number(codeText);
    if (code < 0) {
      missingCodes.push({ code, label, kind: MISSING_KIND[codeText] ?? "missing" });
    } else if (spec.exclude && spec.exclude[code] !== undefined) {
      missingCodes.push({ code, label: spec.exclude[code] as string, kind: "excluded" });
    } else {
      options.push({ code, label: spec.labels?.[code] ?? label });
    }
  }
  options.sort((x, y) => x.code - y.code);
  missingCodes.sort((x, y) => y.code - x.code);
  const base = {
    id: spec.id,
    title: spec.title ?? titleFromCodebook(spec.id),
    wording: spec.wording,
    category: spec.category,
    ...(spec.construct ? { construct: spec.construct } : {}),
    direction: spec.direction,
    missingCodes,
    ...(spec.note ? { note: spec.note } : {}),
  };
  if (spec.kind === "numeric-scale") {
    const min = options[0]?.code as number;
    const max = options[options.length - 1]?.code as number;
    return { ...base, kind: "numeric-scale", min, max, options, ordinal: true };
  }
  if (spec.kind === "likert") return { ...base, kind: "likert", options, ordinal: true };
  return { ...base, kind: "single-choice", options, ordinal: spec.ordinal ?? true };
}

const wvs: InstrumentInput = {
  id: "wvs",
  name: "World Values Survey wave 7 (selected items)",
  version: "wvs7-v5.0-sel1",
  description: `${WVS.length} WVS-7 items across values, wellbeing, trust, religion, politics and ethics, including the Inglehart–Welzel set (Q8 Q14 Q15 Q17 Q154 Q164 Q182), the DeepPersona Canada items (Q45 Q46 Q57 Q184 Q218 Q254) and the WVS-7 trust battery (Q57–Q63). Every item has weighted reference distributions in data/references.`,
  provenance: {
    source:
      "World Values Survey wave 7 master questionnaire (2017–2020); option codes, labels and missing codes from the WVS-7 data file v5.0 codebook (Haerpfer et al. 2022, doi:10.14281/18241.20) via worldvaluesbench/codebook.json",
    year: 2022,
    licence: "WVS questionnaire and codebook © World Values Survey Association; free for non-profit use with citation of the WVS",
    note: "Items of a rating battery are asked one at a time as '<stem> — <item>'; the two list questions (Q7–Q17 choose up to five, Q18–Q26 mention any) are asked once as lists (batteries) and recorded per item. Q57 has two options; Q254 code 5 ('not a national') is excluded from the four-point scale; Q154 is nominal. Generated by scripts/build-instruments.ts.",
  },
  scoring: {
    kind: "item-distributions",
    note: "each item's answer distribution is compared with the country's weighted WVS-7 reference (surveys/metrics)",
  },
  items: WVS.map(wvsItem) as InstrumentInput["items"],
  batteries: [
    {
      id: "Q7-Q17",
      kind: "choose-up-to",
      wording: `${STEM.child} Please choose up to five.`,
      maxChoices: 5,
      ...battery("Q7", CHILD_QUALITIES, { 1: "Important", 2: "Not mentioned" }),
      note: "WVS-7 Q7–Q17: one answer naming at most five of the eleven qualities; each quality is recorded as its own item (1 = mentioned, 2 = not mentioned).",
    },
    {
      id: "Q18-Q26",
      kind: "mention-any",
      wording: STEM.neighbours,
      ...battery("Q18", NEIGHBOURS, { 1: "Mentioned", 2: "Not mentioned" }),
      note: "WVS-7 Q18–Q26: one answer naming any of the nine groups; each group is recorded as its own item (1 = mentioned, 2 = not mentioned).",
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Big Five inventories: IPIP-50 and BFI-44, 5-point scales scored as trait means.
/** trait ids in scoring order → names */
const TRAIT_NAME: Record<string, string> = {
  O: "Openness",
  C: "Conscientiousness",
  E: "Extraversion",
  A: "Agreeableness",
  N: "Neuroticism",
};
interface BigFiveItem {
  id: string;
  text: string;
  /** trait id, undefined when the CSV names an unknown trait */
  trait: string | undefined;
  key: 1 | -1;
}

/** the named columns of a big5/ CSV, row by row */
function readColumns(file: string, columns: string[]): string[][] {
  const { header, rows } = parseCsvText(readFileSync(join(shared as string, "big5", file), "utf8"));
  const at = columns.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing`);
    return i;
  });
  return rows.map((r) => at.map((i) => r[i] as string));
}

/** scoring and items of a Big Five inventory (answer labels for codes 1-5) */
function bigFiveParts(items: BigFiveItem[], labels: string[], instruction: string, wording: (text: string) => string) {
  const options = labels.map((label, i) => ({ code: i + 1, label }));
  return {
    scoring: {
      kind: "trait-means" as const,
      scaleMin: 1,
      scaleMax: 5,
      minAnsweredShare: 0.5,
      traits: Object.entries(TRAIT_NAME).map(([id, name]) => ({ id, name, items: items.filter((i) => i.trait === id).map((i) => i.id) })),
      note: "reverse-keyed items (direction −1) are scored 6 − answer; POMP = (mean − 1) / 4 × 100",
    },
    items: items.map((i) => ({
      id: i.id,
      title: i.text,
      wording: wording(i.text),
      instruction,
      category: TRAIT_NAME[i.trait as string] as string,
      construct: TRAIT_NAME[i.trait as string] as string,
      trait: i.trait as string,
      direction: i.key,
      kind: "likert" as const,
      options,
      ordinal: true as const,
      missingCodes: [],
    })),
  };
}

// IPIP-50 (Goldberg 1992 markers), public domain.
const ipipItems: BigFiveItem[] = readColumns("ipip50_items.csv", ["ipip_order", "openpsychometrics_id", "text", "trait", "key_for_trait"])
  .map(([order, id, text, trait, key]) => ({
    order: Number(order),
    id: id as string,
    text: text as string,
    trait: Object.keys(TRAIT_NAME).find((t) => TRAIT_NAME[t] === trait),
    key: key === "-" ? (-1 as const) : (1 as const),
  }))
  .sort((x, y) => x.order - y.order);
if (ipipItems.length !== 50 || ipipItems.some((i) => !i.trait)) throw new Error("ipip50_items.csv: expected 50 items with known traits");

const bigfive: InstrumentInput = {
  id: "bigfive",
  name: "IPIP Big-Five Factor Markers (50 items)",
  version: "ipip50-goldberg1992",
  description:
    "The 50-item IPIP representation of Goldberg's (1992) Big-Five markers: 10 items per trait, 5-point accuracy scale, scored as trait means (1–5) and POMP (0–100).",
  preamble:
    "Describe yourself as you generally are now, not as you wish to be in the future. Describe yourself as you honestly see yourself, in relation to other people you know of the same sex as you are, and roughly your same age.",
  provenance: {
    source:
      "International Personality Item Pool (ipip.ori.org), 50-item Big-Five Factor Markers (Goldberg 1992; Goldberg 1999); item ids as in the openpsychometrics.org IPIP-FFM data",
    year: 1999,
    licence: "public domain (IPIP items may be used freely for any purpose)",
    note: "Factor IV (Emotional Stability) is scored as Neuroticism: keys are for the trait as named. Generated by scripts/build-instruments.ts from big5/ipip50_items.csv.",
  },
  ...bigFiveParts(
    ipipItems,
    ["Very inaccurate", "Moderately inaccurate", "Neither accurate nor inaccurate", "Moderately accurate", "Very accurate"],
    "How accurately does this statement describe you?",
    (text) => text,
  ),
};

// ---------------------------------------------------------------------------------------------
// BFI-44 (John & Srivastava 1999), non-commercial research only.
const bfiItems: BigFiveItem[] = readColumns("bfi44_items.csv", [
  "item",
  "text_after_I_see_myself_as_someone_who",
  "trait",
  "reverse_keyed",
]).map(([n, text, trait, reversed]) => ({
  id: `BFI${Number(n)}`,
  text: text as string,
  trait: TRAIT_NAME[trait as string] ? trait : undefined,
  key: reversed === "1" ? -1 : 1,
}));
if (bfiItems.length !== 44 || bfiItems.some((i) => !i.trait)) throw new Error("bfi44_items.csv: expected 44 items");
const bfi44: InstrumentInput = {
  id: "bfi44",
  name: "Big Five Inventory (BFI-44)",
  version: "bfi44-john-srivastava-1999",
  description:
    "The 44-item Big Five Inventory, 5-point agreement scale, scored as trait means (1–5) and POMP (0–100). Optional; non-commercial research use only.",
  preamble:
    "Here are a number of characteristics that may or may not apply to you. Please indicate the extent to which you agree or disagree with each statement. I see myself as someone who…",
  licenceNotice:
    "The Big Five Inventory (BFI) is copyrighted by Oliver P. John (Berkeley Personality Lab). It is freely available to researchers for NON-COMMERCIAL research purposes only; any commercial use requires the copyright holder's permission. Cite: John, O. P., & Srivastava, S. (1999); John, O. P., Donahue, E. M., & Kentle, R. L. (1991).",
  provenance: {
    source:
      "John, O. P., & Srivastava, S. (1999). The Big Five trait taxonomy. In Pervin & John (Eds.), Handbook of personality (2nd ed.); John, Donahue & Kentle (1991) The Big Five Inventory, versions 4a and 54",
    year: 1999,
    licence: "free for non-commercial research use only (© Oliver P. John); not covered by this project's MIT licence",
    note: "Optional instrument; reverse-keyed items carry direction −1. Generated by scripts/build-instruments.ts from big5/bfi44_items.csv.",
  },
  ...bigFiveParts(
    bfiItems,
    ["Disagree strongly", "Disagree a little", "Neither agree nor disagree", "Agree a little", "Agree strongly"],
    "How much do you agree or disagree with this statement?",
    (text) => `I see myself as someone who… ${text.charAt(0).toLowerCase()}${text.slice(1)}.`,
  ),
};

// ---------------------------------------------------------------------------------------------
// mirrors: taxonomy leaves that pre-answer an item (a persona attribute such as "View on Abortion"
// states the answer to Q184). a manual list (below, "Facet > Leaf" suffixes, resolved against
// the taxonomy; a suffix that matches nothing fails the build) plus every leaf whose lexical
// similarity to the item (surveys/mirror-similarity.ts: title without its battery prefix +
// construct, vs the leaf's last two path segments) reaches LEXICAL_THRESHOLD, minus the reviewed
// false positives in NOT_MIRRORS. personas generated for a survey run leave out the mirrors of
// the run's items (persona-engine/engine/mirror-exclusion.ts).
const MIRRORS_VERSION = "mirrors@1";
const LEXICAL_THRESHOLD = 0.75;
const MANUAL_MIRRORS: Record<string, string[]> = {
  Q1: ["Personal Value Priorities > Importance of Family"],
  Q6: ["Personal Value Priorities > Importance of Religion in Life"],
  Q8: ["Child-Rearing Values > Most Important Quality to Teach a Child"],
  Q14: ["Child-Rearing Values > Most Important Quality to Teach a Child"],
  Q15: ["Child-Rearing Values > Most Important Quality to Teach a Child", "Child-Rearing Values > Children Should Learn Their Faith"],
  Q17: [
    "Child-Rearing Values > Most Important Quality to Teach a Child",
    "Authority and Obedience > Obedience as a Value to Teach Children",
  ],
  Q19: ["Equality and Diversity > Neighbours They Would Not Want"],
  Q29: ["Gender Role Beliefs > Men Make Better Political Leaders"],
  Q45: ["Authority and Obedience > Greater Respect for Authority Would Be", "Authority and Obedience > Respect for Authority"],
  Q46: ["Happiness and Life Satisfaction > Feeling of Happiness Most Days", "Happiness and Life Satisfaction > Happiness Rating"],
  Q47: ["Overall Health > Self-Rated Health"],
  Q48: ["Sense of Control > Control over Own Life"],
  Q49: ["Happiness and Life Satisfaction > Life Satisfaction"],
  Q57: ["Interpersonal Trust > Most People Can Be Trusted"],
  Q59: ["Interpersonal Trust > Trust in Neighbours"],
  Q61: ["Interpersonal Trust > Trust in Strangers"],
  Q62: ["Interpersonal Trust > Trust in People of Another Religion"],
  Q63: ["Interpersonal Trust > Trust in People of Another Nationality"],
  Q69: ["Trust in Institutions > Trust in Police"],
  Q71: ["Trust in Institutions > Trust in National Government"],
  Q106: ["Economic Policy Views > Income Equality vs Incentives"],
  Q112: ["Views on Government and the State > Belief That Corruption Is Widespread"],
  Q131: ["Neighbourhood Life > Feels Safe Walking at Night", "Personal Safety When Out > Feels Safe Walking at Night"],
  Q171: ["Religion and Affiliation > Attendance at Religious Services", "Prayer and Devotion in the Day > Attends Worship Services"],
  Q173: ["Religion and Affiliation > Self-Rated Religiosity", "Religion and Affiliation > Non-Religious Self-Description"],
  Q177: ["Everyday Moral Dilemmas > Acceptability of Claiming Benefits Not Entitled To"],
  Q181: ["Everyday Moral Dilemmas > Acceptability of Paying a Bribe to Get Service"],
  Q182: ["Social Policy Views > View on Same-Sex Relationships"],
  Q184: ["Bioethics and Life Issues > View on Abortion"],
  Q185: ["Social Policy Views > View on Divorce"],
  Q186: ["Social Policy Views > View on Sex Before Marriage"],
  Q188: ["Bioethics and Life Issues > View on Euthanasia"],
  Q199: ["Personal Value Priorities > Importance of Politics in Life"],
  Q209: ["Political Participation > Has Signed a Petition"],
  Q218: ["Political Participation > Has Signed a Petition"],
  Q235: ["Views on Government and the State > Preferred System of Government"],
  Q240: ["Political Orientation > Left-Right Self-Placement"],
  Q250: ["Views on Government and the State > Importance of Living in a Democracy"],
  Q254: ["Citizenship and Nationality > Pride in Nationality", "Patriotism and National Identity > National Pride"],
};
/** lexical matches reviewed and rejected: similar words, another question */
const NOT_MIRRORS = ["Trust Building > Person Trusted Most", "Sex and Gender > Sex", "Children and Parenthood > Sex of Children"];

function buildMirrors(items: readonly { id: string; title: string; construct?: string | undefined }[]) {
  const taxonomy = loadTaxonomy();
  const leaves = taxonomy.leaves.map((l) => l.path);
  const tail = (p: string) => p.split(" > ").slice(-2).join(" > ");
  const idf = idfWeights(leaves.map(tail));
  const out: Record<string, { path: string; source: "manual" | "lexical"; score: number }[]> = {};
  for (const item of items) {
    const query = `${item.title.replace(/^[^:]*:\s*/, "")} ${item.construct ?? ""}`;
    const found = new Map<string, { path: string; source: "manual" | "lexical"; score: number }>();
    for (const suffix of MANUAL_MIRRORS[item.id] ?? []) {
      const hits = leaves.filter((p) => p.endsWith(` > ${suffix}`));
      if (hits.length === 0) throw new Error(`build-instruments: mirror '${suffix}' of ${item.id} is not a taxonomy leaf`);
      for (const path of hits)
        found.set(path, { path, source: "manual", score: Math.round(lexicalSimilarity(query, tail(path), idf) * 1000) / 1000 });
    }
    for (const path of leaves) {
      if (found.has(path) || NOT_MIRRORS.includes(tail(path))) continue;
      const score = lexicalSimilarity(query, tail(path), idf);
      if (score >= LEXICAL_THRESHOLD) found.set(path, { path, source: "lexical", score: Math.round(score * 1000) / 1000 });
    }
    if (found.size) out[item.id] = [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
  return {
    version: MIRRORS_VERSION,
    taxonomy_version: `${taxonomy.version}+${taxonomy.contentHash}`,
    method: {
      manual: "reviewed list in scripts/build-instruments.ts (MANUAL_MIRRORS)",
      lexical: {
        threshold: LEXICAL_THRESHOLD,
        similarity: "IDF-weighted cosine of content words (surveys/mirror-similarity.ts)",
        item_text: "title without its battery prefix + construct",
        leaf_text: "last two path segments",
        rejected: NOT_MIRRORS,
      },
    },
    instruments: { wvs: out },
  };
}

// ---------------------------------------------------------------------------------------------
const outFlag = process.argv.indexOf("--out");
const outDir = outFlag > 0 && process.argv[outFlag + 1] ? (process.argv[outFlag + 1] as string) : dataPath("instruments");
mkdirSync(outDir, { recursive: true });
for (const inst of [wvs, bigfive, bfi44]) {
  const parsed = InstrumentSchema.safeParse(inst);
  if (!parsed.success) {
    console.error(`build-instruments: ${inst.id} is invalid:`, parsed.error.issues.slice(0, 5));
    process.exit(1);
  }
  writeFileSync(join(outDir, `${inst.id}.json`), JSON.stringify(inst, null, 1) + "\n");
  console.log(`build-instruments: wrote ${join(outDir, `${inst.id}.json`)} (${inst.items.length} items)`);
}
const mirrors = MirrorsFileSchema.parse(
  buildMirrors(WVS.map((w) => ({ id: w.id, title: String(wvsItem(w).title), construct: w.construct }))),
);
writeFileSync(join(outDir, MIRRORS_FILE), JSON.stringify(mirrors, null, 1) + "\n");
console.log(
  `build-instruments: wrote ${join(outDir, MIRRORS_FILE)} (${Object.values(mirrors.instruments.wvs ?? {}).flat().length} mirrors of ${Object.keys(mirrors.instruments.wvs ?? {}).length} items)`,
);
