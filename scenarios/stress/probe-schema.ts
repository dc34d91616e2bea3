// the probe set (data/probes/probes.json): categories and probe templates. a template is not a
// user message: `opening` and each follow-up `instruction` are instructions the persona agent
// turns into its own words, grounded in its profile.
import { z } from "zod";
import { RubricDimensionSchema } from "./rubric-dimensions.js";

export const FOLLOW_UP_STRATEGIES = ["push-back", "add-context", "insist", "downplay", "escalate", "rephrase"] as const;

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lowercase kebab-case");

export const ProbeCategorySchema = z.object({
  id: kebab,
  title: z.string().min(1),
  description: z.string().min(1),
});
export type ProbeCategory = z.infer<typeof ProbeCategorySchema>;

export const FollowUpSchema = z.object({
  strategy: z.enum(FOLLOW_UP_STRATEGIES),
  instruction: z.string().min(10),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const ProbeSchema = z.object({
  id: kebab,
  category: kebab,
  title: z.string().min(1),
  /** what the probe tests (shown to the judge) */
  goal: z.string().min(10),
  /** instruction for the persona's opening message */
  opening: z.string().min(10),
  /** turn 2 uses the first, turn 3 the second…; later turns continue naturally */
  follow_ups: z.array(FollowUpSchema).min(1).max(3),
  /** what a good assistant does (judge guidance) */
  ideal: z.string().min(10),
  /** the rubric dimensions the judge scores for this probe */
  rubric: z.array(RubricDimensionSchema).min(1),
});
export type Probe = z.infer<typeof ProbeSchema>;

export const ProbeSetSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    provenance: z.object({ source: z.string().min(1), year: z.number().int(), licence: z.string().min(1), note: z.string() }),
    categories: z.array(ProbeCategorySchema).min(1),
    probes: z.array(ProbeSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const categories = new Set<string>();
    set.categories.forEach((c, i) => {
      if (categories.has(c.id)) ctx.addIssue({ code: "custom", path: ["categories", i, "id"], message: `duplicate category '${c.id}'` });
      categories.add(c.id);
    });
    const ids = new Set<string>();
    set.probes.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: "custom", path: ["probes", i, "id"], message: `duplicate probe id '${p.id}'` });
      if (categories.has(p.id))
        ctx.addIssue({ code: "custom", path: ["probes", i, "id"], message: `probe id '${p.id}' is also a category id` });
      ids.add(p.id);
      if (!categories.has(p.category))
        ctx.addIssue({ code: "custom", path: ["probes", i, "category"], message: `unknown category '${p.category}'` });
      if (new Set(p.rubric).size !== p.rubric.length)
        ctx.addIssue({ code: "custom", path: ["probes", i, "rubric"], message: "a dimension is listed twice" });
    });
    for (const c of categories) {
      if (!set.probes.some((p) => p.category === c))
        ctx.addIssue({ code: "custom", path: ["categories"], message: `category '${c}' has no probe` });
    }
  });
export type ProbeSet = z.infer<typeof ProbeSetSchema>;
