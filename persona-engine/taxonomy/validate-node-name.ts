// naming rules for taxonomy nodes: Title Case, no camelCase/snake_case, no trailing punctuation,
// no meta-labels. returns the problems (empty when the name is fine).

/** the small words accepted in lower case after the first word (clean-node-name.ts lowers them) */
export const SMALL_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "but",
  "by",
  "for",
  "from",
  "in",
  "into",
  "of",
  "on",
  "or",
  "per",
  "the",
  "to",
  "vs",
  "via",
  "with",
  "without",
  "nor",
  "over",
  "than",
  "about",
  "after",
  "before",
]);

const META_LABELS = new Set(
  [
    "user preferences",
    "preferences",
    "attribute",
    "attributes",
    "profile",
    "profile info",
    "profile information",
    "personal info",
    "personal information",
    "information",
    "info",
    "other",
    "others",
    "miscellaneous",
    "misc",
    "general",
    "details",
    "data",
    "user profile",
    "user data",
    "user info",
    "category",
    "subcategory",
    "facet",
    "item",
    "items",
    "value",
    "values list",
    "type",
    "types",
    "etc",
    "various",
    "unknown",
    "n/a",
    "none",
  ].map((s) => s.toLowerCase()),
);

const META_SQUASHED = new Set([...META_LABELS].map((m) => m.replace(/[\s_-]+/g, "")));

export function nameProblems(name: string): { rule: "name" | "meta-label"; message: string }[] {
  const out: { rule: "name" | "meta-label"; message: string }[] = [];
  if (name.trim() !== name || name.length === 0) out.push({ rule: "name", message: "name is empty or has leading/trailing spaces" });
  if (name.length > 70) out.push({ rule: "name", message: `name is longer than 70 characters` });
  if (/\s{2,}/.test(name)) out.push({ rule: "name", message: "name has repeated spaces" });
  if (name.includes("_")) out.push({ rule: "name", message: "snake_case name (use spaces)" });
  if (!/^[\p{L}\p{N} '’\-&/(),+]+$/u.test(name))
    out.push({ rule: "name", message: "name has characters other than letters, digits, spaces and - ' & / ( ) , +" });
  if (/[^\p{L}\p{N})]$/u.test(name)) out.push({ rule: "name", message: "name ends with punctuation" });
  const words = name.split(" ").filter(Boolean);
  words.forEach((raw, i) => {
    const word = raw.replace(/^[(\-'’]+/, "");
    if (!word) return;
    if (/\p{Ll}\p{Lu}/u.test(word)) out.push({ rule: "name", message: `camelCase word '${raw}'` });
    const first = word.charAt(0);
    const isSmall = SMALL_WORDS.has(word.toLowerCase());
    if (/\p{Ll}/u.test(first) && !(isSmall && i > 0)) out.push({ rule: "name", message: `word '${raw}' is not capitalised (Title Case)` });
  });
  const lower = name.toLowerCase();
  const squashed = lower.replace(/[\s_-]+/g, "");
  if (
    META_LABELS.has(lower) ||
    META_SQUASHED.has(squashed) ||
    /^user/.test(squashed) ||
    /\buser\b/.test(lower) ||
    /\b(info|attributes?)$/.test(lower)
  ) {
    out.push({ rule: "meta-label", message: `'${name}' is a meta-label, not an attribute a person could state` });
  }
  return out;
}
