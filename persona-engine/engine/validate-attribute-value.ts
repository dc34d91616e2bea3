// kind-specific checks of a model-written attribute value. returns a reason when the value is
// unusable (then the filler asks for one repair, and records it unfilled if that fails too).
import { textValueProblem } from "../../core/text-value-problem.js";
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";

const PLACEHOLDERS =
  /^(unknown|null|undefined|none given|tbd|to be determined|not (specified|known|provided|given)|-+|\.+|\?+|\[.*\]|<.*>|\.\.\.)$/i;
const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|half|a few|several|none|no)\b/i;
export const MAX_VALUE_CHARS = 200;

export function attributeValueProblem(leaf: TaxonomyLeaf, value: unknown): string | undefined {
  // typed kinds (fill schema): a quantity is a number, a yes-no a boolean
  if (typeof value === "number")
    return leaf.kind === "quantity" && Number.isFinite(value) && value >= 0
      ? undefined
      : `expected ${leaf.kind === "quantity" ? "a non-negative number" : "text"}, got ${value}`;
  if (typeof value === "boolean")
    return leaf.kind === "yes-no" ? undefined : `expected ${leaf.kind === "quantity" ? "a number" : "text"}, got ${value}`;
  if (typeof value !== "string") return `expected a string, got ${value === undefined ? "nothing" : typeof value}`;
  const v = value.trim();
  if (!v) return "empty value";
  // an offered option is always a real answer ("Unknown" can be one: "Bone Density Condition")
  if (leaf.options?.some((o) => o.toLowerCase() === v.toLowerCase())) return undefined;
  if (PLACEHOLDERS.test(v)) return `placeholder value '${v}'`;
  if (v.length > MAX_VALUE_CHARS) return `value longer than ${MAX_VALUE_CHARS} characters`;
  const junk = textValueProblem(v); // punctuation-only (":"), "[name]", "lorem ipsum", …
  if (junk) return junk;
  if (leaf.kind === "yes-no" && !/^(yes|no)\b/i.test(v)) return `expected yes or no, got '${v}'`;
  if (leaf.kind === "quantity" && !/\d/.test(v) && !NUMBER_WORDS.test(v))
    return `expected a number${leaf.unit ? ` in ${leaf.unit}` : ""}, got '${v}'`;
  return undefined;
}
