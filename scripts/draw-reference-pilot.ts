// a pilot CSV of n "real" respondents drawn from a country's shipped WVS-7 reference distributions
// (known truth for `deeppersona calibrate`): demographics from the population tables, each item's
// answer from the reference. the same draw the calibrate tests use (test/helpers/draw-reference-pilot.ts).
//   npx tsx scripts/draw-reference-pilot.ts --country DEU --items Q45,Q46,Q47,Q57 --n 100 --seed pilot-1 --out pilot-deu.csv
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { drawReferencePilot } from "../test/helpers/draw-reference-pilot.js";

const { values } = parseArgs({
  options: {
    country: { type: "string" },
    items: { type: "string" },
    n: { type: "string", default: "100" },
    seed: { type: "string", default: "pilot" },
    out: { type: "string" },
  },
});
if (!values.country || !values.items || !values.out) {
  process.stderr.write("usage: npx tsx scripts/draw-reference-pilot.ts --country DEU --items Q45,Q46 --n 100 [--seed S] --out pilot.csv\n");
  process.exit(2);
}
const n = Number(values.n);
if (!Number.isInteger(n) || n < 2) {
  process.stderr.write(`--n '${values.n}' must be an integer ≥ 2\n`);
  process.exit(2);
}
const items = values.items
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
writeFileSync(values.out, drawReferencePilot(values.country, items, n, values.seed ?? "pilot"));
process.stdout.write(`${values.out}: ${n} respondents of ${values.country}, items ${items.join(", ")}\n`);
