// the survey instrument schema: the single source of truth for instruments shipped under
// data/instruments/ and for anything an agent answers. items are closed (single-choice, likert,
// numeric-scale: answers are integer codes with labels) or open (free text, not scored).
import { z } from "zod";

export const ProvenanceSchema = z.object({
  source: z.string().min(1),
  year: z.union([z.string(), z.number()]),
  licence: z.string().min(1),
  note: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** one answer option: the code stored in data, the label shown to respondents */
export const ItemOptionSchema = z.object({
  code: z.number().int(),
  label: z.string().min(1),
});
export type ItemOption = z.infer<typeof ItemOptionSchema>;

export const MISSING_KINDS = ["dont-know", "no-answer", "not-asked", "missing", "excluded"] as const;
/**
 * codes that are not substantive answers. `excluded` marks a real questionnaire answer that the
 * item's scale leaves out and renormalises without (WVS-7 Q254 code 5 "I am not a national").
 */
export const MissingCodeSchema = z.object({
  code: z.number().int(),
  label: z.string().min(1),
  kind: z.enum(MISSING_KINDS),
});
export type MissingCode = z.infer<typeof MissingCodeSchema>;

const itemBase = {
  /** variable name, e.g. "Q46" or "EXT1" */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  /** short title, e.g. "Feeling of happiness" */
  title: z.string().min(1),
  /** the question as asked (faithful to the source questionnaire) */
  wording: z.string().min(1),
  /** an answering instruction shown after the wording (optional) */
  instruction: z.string().optional(),
  /** topic group: values, trust, religion, politics, ethics, wellbeing, … or a Big Five trait */
  category: z.string().min(1),
  /** what a higher score means, e.g. "happiness" or "Extraversion" */
  construct: z.string().optional(),
  /**
   * +1: higher codes mean more of `construct`; −1: reverse-keyed (higher codes mean less).
   * scoring reverses −1 items as (min + max − code).
   */
  direction: z.union([z.literal(1), z.literal(-1)]).default(1),
  /** non-substantive codes found in data (don't know, no answer, …) */
  missingCodes: z.array(MissingCodeSchema).default([]),
  /** free note on adaptation (e.g. "asked one quality at a time") */
  note: z.string().optional(),
  /**
   * taxonomy paths that pre-answer this item (a persona attribute stating the answer); personas
   * generated for a run that asks the item leave them out. shipped instruments keep theirs in
   * data/instruments/mirrors.json (surveys/load-mirrors.ts).
   */
  mirrors: z.array(z.string().min(1)).optional(),
  /** false: never show the options reversed (default: ordinal items may be reversed) */
  reversible: z.boolean().optional(),
};

export const SingleChoiceItemSchema = z.object({
  ...itemBase,
  kind: z.literal("single-choice"),
  options: z.array(ItemOptionSchema).min(2),
  /** true when codes are ordered (KS and Wasserstein make sense); false for nominal items */
  ordinal: z.boolean(),
});

export const LikertItemSchema = z.object({
  ...itemBase,
  kind: z.literal("likert"),
  options: z.array(ItemOptionSchema).min(2),
  ordinal: z.literal(true).default(true),
  /** Big Five trait id (O, C, E, A, N) when the item belongs to a trait scale */
  trait: z.string().optional(),
});

export const NumericScaleItemSchema = z.object({
  ...itemBase,
  kind: z.literal("numeric-scale"),
  min: z.number().int(),
  max: z.number().int(),
  /** every code min..max with its label (end points carry the anchors) */
  options: z.array(ItemOptionSchema).min(2),
  ordinal: z.literal(true).default(true),
});

export const OpenItemSchema = z.object({
  ...itemBase,
  kind: z.literal("open"),
  maxLength: z.number().int().positive().default(500),
  ordinal: z.literal(false).default(false),
});

export const SurveyItemSchema = z
  .discriminatedUnion("kind", [SingleChoiceItemSchema, LikertItemSchema, NumericScaleItemSchema, OpenItemSchema])
  .superRefine((item, ctx) => {
    if (item.kind === "open") return;
    const codes = item.options.map((o) => o.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: "custom", message: `${item.id}: duplicate option codes` });
    for (let i = 1; i < codes.length; i++) {
      if ((codes[i] as number) <= (codes[i - 1] as number)) {
        ctx.addIssue({ code: "custom", message: `${item.id}: option codes must be listed in ascending order` });
        break;
      }
    }
    for (const m of item.missingCodes) {
      if (codes.includes(m.code)) ctx.addIssue({ code: "custom", message: `${item.id}: missing code ${m.code} is also an option` });
    }
    if (item.kind === "numeric-scale") {
      const expected = item.max - item.min + 1;
      if (codes.length !== expected || codes[0] !== item.min || codes[codes.length - 1] !== item.max) {
        ctx.addIssue({ code: "custom", message: `${item.id}: a numeric scale lists every code ${item.min}..${item.max}` });
      }
    }
  });
export type SurveyItem = z.infer<typeof SurveyItemSchema>;
export type ClosedSurveyItem = Exclude<SurveyItem, { kind: "open" }>;
export type SurveyItemKind = SurveyItem["kind"];

export const TraitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  items: z.array(z.string()).min(1),
});
export type Trait = z.infer<typeof TraitSchema>;

/** how an instrument is scored */
export const ScoringSchema = z.discriminatedUnion("kind", [
  z.object({
    /** each item is a categorical answer distribution compared with a reference (WVS) */
    kind: z.literal("item-distributions"),
    note: z.string().optional(),
  }),
  z.object({
    /** trait = mean of its items after reverse-keying (direction −1 → min+max−code); also POMP 0–100 */
    kind: z.literal("trait-means"),
    scaleMin: z.number().int(),
    scaleMax: z.number().int(),
    /** fewer answered items than this share of a trait's items → the trait score is null */
    minAnsweredShare: z.number().min(0).max(1).default(0.5),
    traits: z.array(TraitSchema).min(1),
    note: z.string().optional(),
  }),
]);

/**
 * a list question answered once for several items: "choose up to five of these eleven qualities"
 * (WVS-7 Q7–Q17) or "mention any you would not like as neighbours" (Q18–Q26). the respondent sees
 * every member, answers once, and each member item is recorded as its own row: `mentionedCode`
 * when chosen, `notMentionedCode` otherwise (WVS: 1 = mentioned, 2 = not mentioned). members may
 * name items the instrument does not carry (they are shown, not recorded).
 */
export const BatterySchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/),
  kind: z.enum(["choose-up-to", "mention-any"]),
  /** the question as asked, including the "choose up to five" instruction */
  wording: z.string().min(1),
  /** choose-up-to: the most members one may mention */
  maxChoices: z.number().int().positive().optional(),
  mentionedCode: z.number().int(),
  notMentionedCode: z.number().int(),
  /** every entry of the list, in questionnaire order */
  members: z.array(z.object({ item: z.string().min(1), label: z.string().min(1) })).min(2),
  note: z.string().optional(),
});
export type Battery = z.infer<typeof BatterySchema>;

export const InstrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().min(1),
    /** shown before the items (e.g. IPIP's "describe yourself as you generally are now") */
    preamble: z.string().optional(),
    /** licence text that must travel with the instrument (e.g. BFI-44 non-commercial notice) */
    licenceNotice: z.string().optional(),
    provenance: ProvenanceSchema,
    scoring: ScoringSchema,
    items: z.array(SurveyItemSchema).min(1),
    /** list questions whose member items are answered together (see BatterySchema) */
    batteries: z.array(BatterySchema).default([]),
  })
  .superRefine((inst, ctx) => {
    const ids = inst.items.map((i) => i.id);
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) ctx.addIssue({ code: "custom", message: `duplicate item id ${id}` });
      seen.add(id);
    }
    const inBattery = new Set<string>();
    for (const b of inst.batteries) {
      if (b.kind === "choose-up-to" && b.maxChoices === undefined)
        ctx.addIssue({ code: "custom", message: `battery ${b.id}: choose-up-to needs maxChoices` });
      for (const m of b.members) {
        if (inBattery.has(m.item)) ctx.addIssue({ code: "custom", message: `battery ${b.id}: item ${m.item} is in two batteries` });
        inBattery.add(m.item);
        const item = inst.items.find((i) => i.id === m.item);
        if (
          item &&
          (item.kind === "open" ||
            !item.options.some((o) => o.code === b.mentionedCode) ||
            !item.options.some((o) => o.code === b.notMentionedCode))
        ) {
          ctx.addIssue({
            code: "custom",
            message: `battery ${b.id}: item ${m.item} lacks the codes ${b.mentionedCode}/${b.notMentionedCode}`,
          });
        }
      }
    }
    if (inst.scoring.kind === "trait-means") {
      for (const t of inst.scoring.traits) {
        for (const id of t.items) if (!seen.has(id)) ctx.addIssue({ code: "custom", message: `trait ${t.id} lists unknown item ${id}` });
      }
    }
  });
export type Instrument = z.infer<typeof InstrumentSchema>;
/** the JSON form before defaults are applied */
export type InstrumentInput = z.input<typeof InstrumentSchema>;
