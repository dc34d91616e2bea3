// life-story core inference, call 1 of 2: identity details consistent with the anchors, then the
// person's core values and life attitudes (the paper's order: values → attitudes).
import { z } from "zod";
import type { Anchor } from "../persona/persona-schema.js";
import type { PromptMessage } from "./prompt-types.js";
import { renderAnchors } from "./render-anchors.js";

export const CORE_IDENTITY_PROMPT_VERSION = "core-identity@2";

export const CoreIdentitySchema = z.object({
  full_name: z.string().min(2).describe("realistic for their country, sex and age; kind: name"),
  home_region: z.string().min(1).describe("real region of residence"),
  home_city: z.string().min(1).describe("real city, town or village in that region"),
  core_values: z.array(z.string().min(2)).min(3).max(5).describe("3–5 core values, concrete, a few words each"),
  life_attitudes: z
    .array(z.string().min(2))
    .min(2)
    .max(4)
    .describe("2–4 attitudes to life that follow from the values, one short sentence each"),
});
export type CoreIdentity = z.infer<typeof CoreIdentitySchema>;

export function coreIdentityPrompt(input: { anchors: readonly Anchor[]; countryName: string }): PromptMessage[] {
  return [
    [
      "system",
      "You write realistic synthetic personas for social-science simulation. Demographics are fixed by census statistics: never contradict them. Avoid stereotypes, clichés and relentless optimism; ordinary lives and constraints are welcome. Answer in English.",
    ],
    [
      "human",
      `Fixed demographics of a real-looking adult living in ${input.countryName}: ${renderAnchors(input.anchors)}.\nGive their name, home region and town, then the core values this person would plausibly hold given their circumstances, and their attitudes to life.`,
    ],
  ];
}
