// the offline model's free text: a short paragraph that says what it is, varies with the seed
// and the prompt, and is useless as an opinion on purpose.
import type { Rng } from "../rng.js";

export const OFFLINE_TEXT_PREFIX = "[offline model — synthetic text]";

const STOP = new Set([
  "about",
  "answer",
  "would",
  "could",
  "should",
  "their",
  "there",
  "which",
  "these",
  "those",
  "please",
  "reply",
  "question",
  "yourself",
]);

const SENTENCES = [
  "This reply was produced without a language model, from the seed and the prompt alone.",
  "On {topic}, it takes no real position; any resemblance to an opinion is accidental.",
  "It mentions {topic} only as a placeholder for what a person might say.",
  "Use it to try the tool, not as evidence of what anyone thinks about {topic}.",
  "A real model would answer in the persona's own voice here.",
  "The wording is assembled from fixed templates and shuffled deterministically.",
];

/** content words of a prompt (≥ 5 letters, stop words removed), in order, deduplicated */
export function topicWords(prompt: string): string[] {
  const words = prompt.toLowerCase().match(/[a-z\u00c0-\u024f]{5,}/g) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w)))];
}

/** "[offline model — synthetic text] …" — 2 or 3 sentences echoing a topic word of the prompt */
export function syntheticParagraph(rng: Rng, prompt: string): string {
  const words = topicWords(prompt);
  const topic = words.length > 0 ? rng.pick(words.slice(0, 12)) : "this";
  const count = rng.intBetween(2, 3);
  const picked = rng
    .shuffle(SENTENCES)
    .slice(0, count)
    .map((s) => s.replaceAll("{topic}", topic));
  return `${OFFLINE_TEXT_PREFIX} ${picked.join(" ")}`;
}
