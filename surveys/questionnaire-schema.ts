// a questionnaire of your own (`survey run --instrument ./my-survey.yaml|json`), as written by a
// user. validated with every problem listed by its path, then converted to an Instrument
// (questionnaire-to-instrument.ts). example files: examples/*.yaml, examples/*.json.
//
//   id: community-survey            # lower case letters, digits and -
//   title: Community survey 2025
//   description: …                  # optional
//   preamble: …                     # optional, shown before every question
//   items:
//     - id: Q1                      # letters, digits, _; unique
//       text: How satisfied are you with your neighbourhood?
//       type: likert                # single | likert | scale | multi | open
//       options:                    # single, likert, multi: code + label, codes ascending
//         - { code: 1, label: Very dissatisfied }
//         - …
//       reversible: true            # may the option order be reversed for half the personas
//                                   # (default: true for likert and scale, false otherwise)
//       mirrors: ["Core Values, Beliefs and Philosophy > … > …"]   # optional taxonomy paths
//     - id: Q2
//       text: On a scale from 0 to 10, where 0 means "not at all" and 10 means "completely", …
//       type: scale
//       min: 0                      # scale: every code min..max is an answer
//       max: 10
//       minLabel: Not at all        # optional anchors (else options may label any code)
//       maxLabel: Completely
//     - id: Q3
//       text: Which of these do you use? Choose up to two.
//       type: multi                 # one answer mentioning several options; recorded per option
//       maxChoices: 2               # optional: "choose up to"; omitted: "mention any"
//       options: [ … ]              # each option becomes item <id>_<code> (1 = mentioned, 2 = not)
//     - id: Q4
//       text: Anything else?
//       type: open                  # free text: shown, never asked by survey run
import { z } from "zod";

export const QUESTIONNAIRE_TYPES = ["single", "likert", "scale", "multi", "open"] as const;

export const QuestionnaireOptionSchema = z.object({
  code: z.number().int(),
  label: z.string().trim().min(1),
});

export const QuestionnaireItemSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "an item id starts with a letter and has only letters, digits and _"),
  text: z.string().trim().min(1),
  type: z.enum(QUESTIONNAIRE_TYPES),
  /** a short title (default: the id) */
  title: z.string().trim().min(1).optional(),
  /** an answering instruction shown after the text */
  instruction: z.string().trim().min(1).optional(),
  options: z.array(QuestionnaireOptionSchema).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  minLabel: z.string().trim().min(1).optional(),
  maxLabel: z.string().trim().min(1).optional(),
  maxChoices: z.number().int().positive().optional(),
  reversible: z.boolean().optional(),
  mirrors: z.array(z.string().min(1)).optional(),
});
export type QuestionnaireItem = z.infer<typeof QuestionnaireItemSchema>;

export const QuestionnaireBaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "a questionnaire id has only lower-case letters, digits and -"),
  title: z.string().trim().min(1),
  description: z.string().trim().min(1).optional(),
  preamble: z.string().trim().min(1).optional(),
  version: z.union([z.string().min(1), z.number()]).optional(),
  items: z.array(QuestionnaireItemSchema).min(1),
});

/**
 * the checks across fields and items (ids unique, option codes ascending and distinct, enough
 * options, scale bounds, …). `items` are the entries that passed QuestionnaireItemSchema with
 * their index, so a file with schema errors still gets every other problem reported.
 */
export function questionnaireItemIssues(
  entries: readonly { index: number; item: QuestionnaireItem }[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const ctx = {
    addIssue: (i: { code: string; path: (string | number)[]; message: string }) => issues.push({ path: i.path, message: i.message }),
  };
  const q = { items: entries.map((e) => e.item) };
  {
    const seen = new Set<string>();
    const memberIds = new Set(q.items.filter((i) => i.type === "multi").flatMap((i) => (i.options ?? []).map((o) => `${i.id}_${o.code}`)));
    q.items.forEach((item, j) => {
      const at = (...rest: (string | number)[]) => ["items", entries[j]?.index ?? j, ...rest];
      if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: at("id"), message: `duplicate item id '${item.id}'` });
      seen.add(item.id);
      if (memberIds.has(item.id))
        ctx.addIssue({
          code: "custom",
          path: at("id"),
          message: `'${item.id}' is also the recorded id of a multi item's option; rename one`,
        });
      const options = item.options ?? [];
      const codes = options.map((o) => o.code);
      if (new Set(codes).size !== codes.length)
        ctx.addIssue({ code: "custom", path: at("options"), message: "option codes must be distinct" });
      if (codes.some((c, j) => j > 0 && c <= (codes[j - 1] as number)))
        ctx.addIssue({ code: "custom", path: at("options"), message: "list options in ascending code order" });
      if (item.type === "single" || item.type === "likert" || item.type === "multi") {
        if (options.length < 2)
          ctx.addIssue({ code: "custom", path: at("options"), message: `a ${item.type} item needs at least 2 options (code + label)` });
      }
      if (item.type === "multi") {
        if (item.maxChoices !== undefined && item.maxChoices > options.length)
          ctx.addIssue({
            code: "custom",
            path: at("maxChoices"),
            message: `maxChoices ${item.maxChoices} exceeds the ${options.length} options`,
          });
        if (options.some((o) => o.code < 0))
          ctx.addIssue({
            code: "custom",
            path: at("options"),
            message: "multi option codes must be non-negative (each becomes item <id>_<code>)",
          });
      } else if (item.maxChoices !== undefined)
        ctx.addIssue({ code: "custom", path: at("maxChoices"), message: "maxChoices applies to multi items only" });
      if (item.type === "scale") {
        if (item.min === undefined || item.max === undefined)
          ctx.addIssue({ code: "custom", path: at(item.min === undefined ? "min" : "max"), message: "a scale item needs min and max" });
        else if (item.max <= item.min)
          ctx.addIssue({ code: "custom", path: at("max"), message: `max (${item.max}) must be greater than min (${item.min})` });
        else if (item.max - item.min > 100) ctx.addIssue({ code: "custom", path: at("max"), message: "a scale has at most 101 points" });
        else
          for (const o of options)
            if (o.code < item.min || o.code > item.max)
              ctx.addIssue({ code: "custom", path: at("options"), message: `option code ${o.code} is outside ${item.min}..${item.max}` });
      } else {
        for (const k of ["min", "max", "minLabel", "maxLabel"] as const)
          if (item[k] !== undefined) ctx.addIssue({ code: "custom", path: at(k), message: `${k} applies to scale items only` });
      }
      if (item.type === "open" && options.length)
        ctx.addIssue({ code: "custom", path: at("options"), message: "an open item has no options" });
    });
  }
  return issues;
}

/** the whole questionnaire, every check included */
export const QuestionnaireSchema = QuestionnaireBaseSchema.superRefine((q, ctx) => {
  for (const issue of questionnaireItemIssues(q.items.map((item, index) => ({ index, item }))))
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
