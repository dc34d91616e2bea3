// text → values for the population commands (counts, country lists), with one-line errors.
import { ERROR_CODES, UsageError } from "../../core/errors.js";
import { listPopulations, resolveCountry } from "./load-population-table.js";

/** "100000" → 100000; rejects 0, negatives, fractions, exponents and junk */
export function parseCount(flag: string, text: string): number {
  const t = text.trim().replace(/_/g, "");
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive integer, got '${text}'`, { code: ERROR_CODES.invalidInput });
  }
  return n;
}

/** "DEU,usa, Kenya" → ["DEU","USA","KEN"]; "all" → every shipped country */
export function parseCountryList(text: string): string[] {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new UsageError("no country given", { code: ERROR_CODES.invalidInput });
  if (parts.length === 1 && parts[0]?.toLowerCase() === "all") return listPopulations().map((c) => c.country);
  return parts.map((p) => resolveCountry(p));
}
