// does the question text agree with the option list a respondent reads? every "N means X" /
// "N = X" / "N is X" in the wording or instruction must name the label of the option keyed N.
// used by the render test over every shipped instrument and by custom-questionnaire validation.
import type { PresentedItem } from "./present-item.js";

export interface StemMention {
  key: string;
  /** the text the stem gives that key (lower case, quotes stripped) */
  says: string;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”"'.,;:()]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** "1 means "never justifiable"" → {key: "1", says: "never justifiable"} */
export function stemMentions(text: string): StemMention[] {
  const out: StemMention[] = [];
  for (const m of text.matchAll(
    /\b(\d+)\s+(?:means|is|=)\s+(?:you\s+are\s+|it\s+is\s+|you\s+agree\s+completely\s+with\s+the\s+statement\s+on\s+the\s+(?:left|right)\s+)?[“"(]*([^”",;)]+)/gi,
  )) {
    out.push({ key: m[1] as string, says: norm(m[2] as string) });
  }
  return out;
}

/** the conflicts between the stem and the presented options (empty = consistent) */
export function stemOptionConflicts(item: PresentedItem): string[] {
  const problems: string[] = [];
  for (const m of stemMentions(`${item.wording}\n${item.instruction ?? ""}`)) {
    const option = item.options.find((o) => o.key === m.key);
    if (!option) {
      problems.push(`${item.itemId}: the stem names answer ${m.key}, which is not an option key`);
      continue;
    }
    const label = norm(option.label);
    // the stem may quote the label loosely ("no choice at all" vs "No choice at all"): one must contain the other
    if (!label.includes(m.says) && !m.says.includes(label)) {
      problems.push(`${item.itemId}: the stem says ${m.key} means "${m.says}" but option ${m.key} reads "${option.label}"`);
    }
  }
  return problems;
}
