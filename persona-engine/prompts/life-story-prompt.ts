// life-story core inference, call 2 of 2: 1–3 dated vignettes, then interests and hobbies
// derived from those stories (the paper's order).
import { z } from "zod";
import type { Anchor } from "../persona/persona-schema.js";
import type { PromptMessage } from "./prompt-types.js";
import { renderAnchors } from "./render-anchors.js";
import type { CoreIdentity } from "./core-identity-prompt.js";

export const LIFE_STORY_PROMPT_VERSION = "life-story@1";

export const LifeStoryOutputSchema = z.object({
  vignettes: z
    .array(
      z.object({
        year: z.number().int(),
        title: z.string().min(2),
        story: z.string().min(10).describe("2–3 sentences, first person"),
      }),
    )
    .min(1)
    .max(3),
  interests: z.array(z.string().min(2)).min(3).max(6).describe("interests grown out of these stories, a few words each"),
  hobbies: z.array(z.string().min(2)).min(2).max(5).describe("hobbies actually practised, a few words each"),
});

export function lifeStoryPrompt(input: {
  anchors: readonly Anchor[];
  countryName: string;
  identity: CoreIdentity;
  birthYear: number;
  referenceYear: number;
}): PromptMessage[] {
  const { identity } = input;
  return [
    [
      "system",
      "You write realistic synthetic personas for social-science simulation. Stay consistent with the fixed demographics and values given. Avoid stereotypes and clichés. Answer in English.",
    ],
    [
      "human",
      `${identity.full_name}, ${identity.home_city} (${identity.home_region}), ${input.countryName}. ${renderAnchors(input.anchors)}.\nValues: ${identity.core_values.join("; ")}.\nAttitudes: ${identity.life_attitudes.join("; ")}.\nWrite 1–3 short life-story vignettes (years between ${input.birthYear + 5} and ${input.referenceYear}) that shaped these values, then the interests and hobbies that grew out of them.`,
    ],
  ];
}
