// a pilot CSV of n "real" respondents drawn with the seeded rng: demographics from the population
// tables, each item's answer from the country's shipped WVS-7 reference distribution (known truth
// for calibration tests).
import { createRng } from "../../core/rng.js";
import { samplePopulation } from "../../persona-engine/population/sample-population.js";
import { loadReference } from "../../surveys/references/load-reference.js";

export function drawReferencePilot(country: string, items: readonly string[], n: number, seed: string): string {
  const rng = createRng(seed);
  const refs = items.map((item) => loadReference(country, item));
  const lines = [["country", "sex", "age", "education", ...items].join(",")];
  for (const record of samplePopulation({ countries: [country], perCountry: n, design: "equal", seed })) {
    const answers = refs.map((ref, i) => String(ref.codes[rng.fork(`${record.index}/${items[i]}`).weightedIndex(ref.shares)]));
    lines.push([record.country, record.sex, String(record.age), record.education_level ?? "", ...answers].join(","));
  }
  return lines.join("\n") + "\n";
}
