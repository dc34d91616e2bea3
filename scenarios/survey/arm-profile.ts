// the system-prompt profile of a persona in each arm:
// - deep: the full persona (renderPersona: identity, values, life story, attributes);
// - cultural-prompting: the country only, in the wording of Tao et al. (2024, "Cultural bias and
//   cultural alignment of large language models");
// - demographics: the census/survey anchors only (sex, age, education, …), no deep attributes.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import type { SurveyArm } from "./survey-spec.js";

export const ARM_PROFILE_VERSION = "arm-profile@1";

/** the persona's country name (its "country" anchor), else the ISO3 code */
export function personaCountryName(persona: Persona): string {
  const anchor = persona.anchors.find((a) => a.field === "country")?.value;
  return typeof anchor === "string" && anchor.trim() ? anchor : persona.country;
}

export function culturalPromptingProfile(countryName: string): string {
  return `You are an average human being born in ${countryName} and living in ${countryName}.`;
}

export function demographicsProfile(persona: Persona): string {
  const country = personaCountryName(persona);
  const facts = persona.anchors
    .filter((a) => a.field !== "country" && a.value !== null && a.value !== "")
    .map((a) => `${a.field.replace(/_/g, " ")}: ${String(a.value)}`);
  return [`You are a person living in ${country}.`, ...(facts.length ? [`About you: ${facts.join("; ")}.`] : [])].join("\n");
}

export function armProfile(arm: SurveyArm, persona: Persona, options: { profileTokens: number }): string {
  if (arm === "cultural-prompting") return culturalPromptingProfile(personaCountryName(persona));
  if (arm === "demographics") return demographicsProfile(persona);
  return renderPersona(persona, { maxTokens: options.profileTokens });
}
