// normalises a model-written node name towards the taxonomy's naming rules
// (data/taxonomy/README.md): "diet_type", "dietType", "DIET TYPE", "Diet type." → "Diet Type";
// "Commute: Matatu" keeps its head ("Commute"). returns undefined when nothing usable is left.
// meta-labels and over-long names survive on purpose: the cleaning step drops them with a reason.
import { SMALL_WORDS } from "../validate-node-name.js";

function titleWord(word: string, first: boolean): string {
  const lower = word.toLowerCase();
  if (!first && SMALL_WORDS.has(lower)) return lower;
  const letters = word.replace(/[^\p{L}]/gu, "");
  // acronyms stay as written: TV, HIV, DIY, NHS
  if (letters.length >= 2 && letters.length <= 5 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)) return word;
  const at = lower.search(/\p{L}|\p{N}/u);
  if (at < 0) return lower;
  return lower.slice(0, at) + lower.charAt(at).toUpperCase() + lower.slice(at + 1);
}

export function toTitleCase(name: string): string {
  const words = name.split(" ").filter(Boolean);
  return words.map((w, i) => titleWord(w, i === 0)).join(" ");
}

export function cleanNodeName(raw: string): string | undefined {
  let s = raw.normalize("NFKC").trim();
  const colon = s.indexOf(":");
  if (colon > 0) s = s.slice(0, colon);
  s = s
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2") // camelCase → words
    .replace(/[_.]+/g, " ")
    .replace(/[^\p{L}\p{N} '’\-&/(),+]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[^\p{L}\p{N}(]+/u, "")
    .replace(/[^\p{L}\p{N})]+$/u, "");
  if (!s || !/\p{L}/u.test(s)) return undefined;
  // SHOUTED names are lowered first, so only genuine acronyms stay upper case
  if (!/\p{Ll}/u.test(s) && s.replace(/[^\p{L}]/gu, "").length > 5) s = s.toLowerCase();
  return toTitleCase(s);
}

/** one line of free text, trimmed and capped (descriptions, values, options) */
export function cleanLine(raw: string, max = 160): string {
  const s = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** a category option: one line, no characters the source format reserves (| [ ]), no end punctuation */
export function cleanOption(raw: string): string {
  return cleanLine(raw.replace(/[|[\]]/g, " "), 40)
    .replace(/[.;,:!?…]+$/u, "")
    .trim();
}
