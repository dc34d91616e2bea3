// plausible synthetic values for the description-hint kinds (see description-hints.ts)
import type { Rng } from "../rng.js";
import type { ValueKind } from "./description-hints.js";

const LEVELS = ["very low", "low", "moderate", "high", "very high"];
const FREQUENCIES = [
  "never",
  "rarely",
  "a few times a year",
  "about once a month",
  "a few times a month",
  "about once a week",
  "a few times a week",
  "daily",
];
const PERIODS = ["in my twenties", "in my teens", "since childhood", "for about five years", "in the last two years"];
const TEXT_WORDS = ["quiet", "steady", "local", "ordinary", "family", "weekend", "small", "practical", "shared", "seasonal"];

/** words of a property name or title: "favouriteDish" / "favourite_dish" → "favourite dish" */
export function humanizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
}

/** a value of the given kind; `label` (property title or name) feeds the synthetic text */
export function sampleKindValue(kind: ValueKind, rng: Rng, label: string, unit?: string): string {
  switch (kind) {
    case "level":
      return rng.pick(LEVELS);
    case "frequency":
      return rng.pick(FREQUENCIES);
    case "yes-no":
      return rng.next() < 0.5 ? "yes" : "no";
    case "quantity": {
      const n = rng.intBetween(2, 12);
      return unit ? `${n} ${unit}` : `about ${n}`;
    }
    case "period":
      return rng.next() < 0.5 ? `since ${rng.intBetween(1995, 2023)}` : rng.pick(PERIODS);
    case "text":
      return syntheticPhrase(rng, label);
    case "name":
      return syntheticName(rng);
  }
}

/** a short, plainly synthetic phrase: "synthetic favourite dish: quiet, seasonal" */
export function syntheticPhrase(rng: Rng, label: string): string {
  const topic = humanizeName(label) || "value";
  const a = rng.pick(TEXT_WORDS);
  let b = rng.pick(TEXT_WORDS);
  if (b === a) b = TEXT_WORDS[(TEXT_WORDS.indexOf(a) + 1) % TEXT_WORDS.length] as string;
  return `synthetic ${topic}: ${a}, ${b}`;
}

/** a plainly synthetic person's name with ~60 million variants, so a run's names do not repeat:
 *  "Synthetic Person K3X9A" */
export function syntheticName(rng: Rng): string {
  return `Synthetic Person ${rng
    .int(36 ** 5)
    .toString(36)
    .padStart(5, "0")
    .toUpperCase()}`;
}
