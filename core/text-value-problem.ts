// hygiene of model-written text values: empty, punctuation-only (no letter or digit in any
// script: ":" or "..." or "—") and placeholder values ("unknown", "[name]", "<value>", "lorem ipsum"; "N/A" and "not applicable" can be true answers)
// are not answers. used by the persona filler (validate-attribute-value.ts) and by discussion
// and stress turns (an empty or punctuation-only turn is repaired once, then recorded invalid).

/** placeholder wording a model writes instead of a value (the whole value, case-insensitive) */
export const PLACEHOLDER_VALUE =
  /^(unknown|null|nil|undefined|none given|tbd|to be determined|placeholder|lorem ipsum.*|your (answer|value) here|not (specified|known|provided|given)|x{3,}|\[.*\]|<.*>|\{.*\})$/i;

/** the reason `text` is not a usable value, or undefined */
export function textValueProblem(text: string): string | undefined {
  const v = text.trim();
  if (!v) return "empty value";
  if (!/[\p{L}\p{N}]/u.test(v)) return `punctuation-only value '${v.slice(0, 20)}'`;
  if (PLACEHOLDER_VALUE.test(v)) return `placeholder value '${v.slice(0, 40)}'`;
  return undefined;
}
