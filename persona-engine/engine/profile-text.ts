// compact text forms of a persona in progress: the one-line core profile sent with every call
// (and embedded for the tier split) and the `path: value` digest of filled attributes.
import type { Anchor, LifeStory, PersonaAttribute } from "../persona/persona-schema.js";

const SKIP_IN_PROFILE = new Set(["country", "region"]);

/** "sex: female; age: 34; …" — the anchors a prompt shows (country and region are in the place line) */
function anchorFacts(anchors: readonly Anchor[]): string {
  return anchors
    .filter((a) => a.value !== null && !SKIP_IN_PROFILE.has(a.field))
    .map((a) => `${a.field.replace(/_/g, " ")}: ${String(a.value)}`)
    .join("; ");
}

export interface ProfileInput {
  name: string;
  city: string;
  region: string;
  countryName: string;
  anchors: readonly Anchor[];
  lifeStory: LifeStory;
}

/** the short profile every fill batch carries: who, where, anchors, values, interests */
export function compactProfile(input: ProfileInput): string {
  const s = input.lifeStory;
  return [
    `${input.name}, ${input.city}, ${input.region}, ${input.countryName}`,
    anchorFacts(input.anchors),
    `values: ${s.core_values.join("; ")}`,
    `interests: ${s.interests.join(", ")}; hobbies: ${s.hobbies.join(", ")}`,
  ].join(". ");
}

/** the full core profile: embedded for the tier split and given to the summary */
export function profileLine(input: ProfileInput): string {
  const s = input.lifeStory;
  return [
    `${input.name}, ${input.city}, ${input.region}, ${input.countryName}`,
    anchorFacts(input.anchors),
    `values: ${s.core_values.join("; ")}`,
    `attitudes: ${s.life_attitudes.join("; ")}`,
    `story: ${s.vignettes.map((v) => `${v.year} ${v.title}`).join("; ")}`,
    `interests: ${s.interests.join(", ")}; hobbies: ${s.hobbies.join(", ")}`,
  ].join(". ");
}

/** "Leaf: value; …" — the attribute name (last path part) and value, filled values only */
export function compactDigest(attrs: readonly PersonaAttribute[]): string {
  return attrs
    .filter((a) => a.status === "filled")
    .map((a) => `${a.path.slice(a.path.lastIndexOf(" > ") + 3)}: ${a.value}`)
    .join("; ");
}

/** the anchored core that is embedded for the tier split: who, where, anchors, values, attitudes */
export function coreProfileText(
  input: Omit<ProfileInput, "lifeStory"> & { values: readonly string[]; attitudes: readonly string[] },
): string {
  return [
    `${input.name}, ${input.city}, ${input.region}, ${input.countryName}`,
    anchorFacts(input.anchors),
    `values: ${input.values.join("; ")}`,
    `attitudes: ${input.attitudes.join("; ")}`,
  ].join(". ");
}
