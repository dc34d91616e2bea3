// the system-prompt profile of a persona in each arm (documented in scenarios/survey/README.md):
// - deep: the full persona (renderPersona: identity, values, life story, attributes) cut to the
//   --profile-tokens budget ("all": no cut);
// - deep-<k>: the same with only the first k attributes in walk order (core first, then the
//   long-tail walk's picks), under a budget that holds all k;
// - demographics: the census/survey anchors only (sex, age, education, …), no deep attributes;
// - cultural-prompting: the country only, one sentence after Tao et al. (2024), inside this
//   project's survey instruction and JSON answer;
// - tao2024: Tao et al.'s own setup: their respondent sentence in ten wording variants rotated
//   across personas, the question, a plain (non-JSON) answer (prompts/tao2024-prompt.ts);
// - empty: no persona at all (the survey instruction alone);
// - uniform: no model call (a uniform draw over the item's valid codes).
// every profile reports how many persona attributes it shows and its token estimate; both are
// recorded on each response row (`attributes_shown`, `profile_tokens`).
import { estimateTokens } from "../../core/usage/estimate-tokens.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { taoSystemPrompt, taoVariant } from "../../agents/prompts/tao2024-prompt.js";
import { armDepth, type SurveyArm } from "./survey-spec.js";

export const ARM_PROFILE_VERSION = "arm-profile@2";

/** a budget no profile reaches ("all", and depth arms that must hold every one of their k attributes) */
const UNLIMITED_TOKENS = 1_000_000_000;

export interface ArmProfile {
  /** the profile text placed before the survey instruction ("" for empty, uniform) */
  text: string;
  /** persona facts the profile shows: rendered attributes (deep arms), anchors (demographics), else 0 */
  attributesShown: number;
  /** token estimate of `text` */
  profileTokens: number;
  /** tao2024: which of the ten wording variants */
  variant?: number;
}

/** the persona's country name (its "country" anchor), else the ISO3 code */
export function personaCountryName(persona: Persona): string {
  const anchor = persona.anchors.find((a) => a.field === "country")?.value;
  return typeof anchor === "string" && anchor.trim() ? anchor : persona.country;
}

export function culturalPromptingProfile(countryName: string): string {
  return `You are an average human being born in ${countryName} and living in ${countryName}.`;
}

function demographicFacts(persona: Persona): string[] {
  return persona.anchors
    .filter((a) => a.field !== "country" && a.value !== null && a.value !== "")
    .map((a) => `${a.field.replace(/_/g, " ")}: ${String(a.value)}`);
}

export function demographicsProfile(persona: Persona): string {
  const country = personaCountryName(persona);
  const facts = demographicFacts(persona);
  return [`You are a person living in ${country}.`, ...(facts.length ? [`About you: ${facts.join("; ")}.`] : [])].join("\n");
}

/** the attribute lines renderPersona printed (the "- path: value" lines under "About you:") */
export function countRenderedAttributes(text: string): number {
  const at = text.indexOf("\nAbout you:\n");
  if (at < 0) return 0;
  return text
    .slice(at + 12)
    .split("\n")
    .filter((l) => l.startsWith("- ")).length;
}

/** the persona with only its first k filled attributes, in walk order (the order they were generated) */
export function firstAttributes(persona: Persona, k: number): Persona {
  const kept = new Set<unknown>(persona.attributes.filter((a) => a.status === "filled").slice(0, k));
  return { ...persona, attributes: persona.attributes.filter((a) => kept.has(a)) };
}

const measured = (text: string, attributesShown: number): ArmProfile => ({
  text,
  attributesShown,
  profileTokens: text ? estimateTokens(text) : 0,
});

export function armProfile(arm: SurveyArm, persona: Persona, options: { profileTokens: number | "all" }): ArmProfile {
  if (arm === "uniform" || arm === "empty") return measured("", 0);
  if (arm === "cultural-prompting") return measured(culturalPromptingProfile(personaCountryName(persona)), 0);
  if (arm === "tao2024") {
    const variant = taoVariant(persona.index);
    return { ...measured(taoSystemPrompt(personaCountryName(persona), variant), 0), variant };
  }
  if (arm === "demographics") return measured(demographicsProfile(persona), demographicFacts(persona).length);
  const k = armDepth(arm);
  if (k !== undefined) {
    const text = renderPersona(firstAttributes(persona, k), { maxTokens: UNLIMITED_TOKENS });
    return measured(text, countRenderedAttributes(text));
  }
  const text = renderPersona(persona, { maxTokens: options.profileTokens === "all" ? UNLIMITED_TOKENS : options.profileTokens });
  return measured(text, countRenderedAttributes(text));
}
