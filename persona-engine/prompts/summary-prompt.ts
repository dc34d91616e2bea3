import type { PromptMessage } from "./prompt-types.js";

export const SUMMARY_PROMPT_VERSION = "summary@1";
export const SUMMARY_MAX_WORDS = 300;

export function summaryPrompt(input: { profile: string; story: string; digest: string }): PromptMessage[] {
  return [
    [
      "system",
      `Write a first-person self-description of this synthetic person, at most ${SUMMARY_MAX_WORDS - 60} words, plain prose, ending on a complete sentence. Keep to the facts given; no lists, no headings.`,
    ],
    ["human", `Profile: ${input.profile}\nLife story: ${input.story}\nSelected details: ${input.digest}`],
  ];
}

/** at most `maxWords` words, cut back to the last full sentence */
export function clampSummary(text: string, maxWords = SUMMARY_MAX_WORDS): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let out = words.slice(0, maxWords).join(" ");
  if (!/[.!?]["'”’)]?$/.test(out)) {
    const m = /^(.*[.!?]["'”’)]?)\s/s.exec(out + " ");
    out = m && m[1] && m[1].length > 40 ? m[1] : closeDanglingClause(out);
  }
  return out;
}

const DANGLING = /(?:[\s,;:–—-]+(?:and|or|but|so|the|a|an|with|to|of|in|for|because|that|which|my|our))+[\s,;:–—-]*$|[\s,;:–—-]+$/i;

/** "…maize, and" → "…maize." */
function closeDanglingClause(text: string): string {
  let out = text;
  while (DANGLING.test(out)) out = out.replace(DANGLING, "");
  return `${out}.`;
}
