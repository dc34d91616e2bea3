// `survey run --reference my-answers.csv`: your own real answers as the reference the simulated
// answers are scored against (same metrics and report as the WVS references).
//   one column per item (named by item id; a multi item's column lists the mentioned option codes
//   separated by ; , | or spaces), optional `country` (ISO3 as in --countries; without it every
//   row counts for every simulated country), optional `sex`, `age`, `education` (kept for your
//   records; not used in the metrics yet) and optional `weight` (default 1).
//   a blank, NA, DK or negative value is a non-substantive answer: counted in `dkShare`, left out
//   of the shares. any other value must be one of the item's codes.
// every problem is listed with its column (and first rows), one UsageError, exit 2.
import { existsSync, readFileSync } from "node:fs";
import { UsageError } from "../core/errors.js";
import type { Instrument } from "./instrument-schema.js";
import { validCodes } from "./item-codes.js";
import { parseCsvText } from "./parse-csv-text.js";
import type { ReferenceDistribution } from "./references/load-reference.js";

export const REFERENCE_EXTRA_COLUMNS = ["country", "sex", "age", "education", "weight"] as const;
const ALL = "*";

export interface UserReference {
  file: string;
  /** countries in the file ("*" when there is no country column) */
  countries: string[];
  columns: string[];
  rows: number;
  lookup(country: string, item: string): ReferenceDistribution | undefined;
}

const MISSING = /^(|na|n\/a|dk|don't know|refused|-\d+)$/i;

export function parseUserReference(text: string, file: string, instrument: Instrument): UserReference {
  const { header, rows } = parseCsvText(text);
  const cols = header.map((h) => h.trim());
  const problems: string[] = [];
  const lower = cols.map((c) => c.toLowerCase());
  const multi = new Map(instrument.batteries.map((b) => [b.id, b]));
  const itemCols = cols.filter((c, i) => !(REFERENCE_EXTRA_COLUMNS as readonly string[]).includes(lower[i] as string));
  for (const c of itemCols)
    if (!multi.has(c) && !instrument.items.some((it) => it.id === c && it.kind !== "open"))
      problems.push(`column '${c}': not a closed item of '${instrument.id}' nor one of ${REFERENCE_EXTRA_COLUMNS.join(", ")}`);
  if (itemCols.length === 0)
    problems.push(
      `no item columns; name columns by item id (${instrument.items
        .slice(0, 3)
        .map((i) => i.id)
        .join(", ")}, …)`,
    );
  const at = (name: string) => lower.indexOf(name);
  const countryAt = at("country");
  const weightAt = at("weight");
  // counts[country][item][code] (weighted), non-substantive weight, valid rows
  const tallies = new Map<string, Map<string, { counts: Map<number, number>; missing: number; total: number; n: number }>>();
  const tally = (country: string, item: string) => {
    let byItem = tallies.get(country);
    if (!byItem) tallies.set(country, (byItem = new Map()));
    let t = byItem.get(item);
    if (!t) byItem.set(item, (t = { counts: new Map(), missing: 0, total: 0, n: 0 }));
    return t;
  };
  const bad = new Map<string, number[]>();
  const flag = (what: string, row: number) => bad.set(what, [...(bad.get(what) ?? []), row]);
  rows.forEach((r, ri) => {
    if (r.every((v) => v.trim() === "")) return;
    const line = ri + 2;
    const country = countryAt >= 0 ? (r[countryAt] ?? "").trim().toUpperCase() : ALL;
    if (countryAt >= 0 && !/^[A-Z]{3}$/.test(country)) flag(`column 'country': not an ISO3 code`, line);
    const weight = weightAt >= 0 ? Number(r[weightAt]) : 1;
    if (!(weight >= 0) || !Number.isFinite(weight)) flag(`column 'weight': not a non-negative number`, line);
    for (const c of itemCols) {
      const raw = (r[cols.indexOf(c)] ?? "").trim();
      const battery = multi.get(c);
      if (battery) {
        const members = battery.members;
        if (MISSING.test(raw)) {
          for (const m of members) {
            const t = tally(country, m.item);
            t.missing += weight;
            t.total += weight;
          }
          continue;
        }
        const mentioned = raw.split(/[;,|\s]+/).filter(Boolean);
        const codes = mentioned.map((m) => `${c}_${m}`);
        if (codes.some((code) => !members.some((m) => m.item === code))) {
          flag(
            `column '${c}': lists a code that is not one of its options (${members.map((m) => m.item.slice(c.length + 1)).join(", ")})`,
            line,
          );
          continue;
        }
        if (battery.maxChoices !== undefined && new Set(codes).size > battery.maxChoices)
          flag(`column '${c}': more than ${battery.maxChoices} mentioned`, line);
        for (const m of members) {
          const t = tally(country, m.item);
          const code = codes.includes(m.item) ? battery.mentionedCode : battery.notMentionedCode;
          t.counts.set(code, (t.counts.get(code) ?? 0) + weight);
          t.total += weight;
          t.n++;
        }
        continue;
      }
      const item = instrument.items.find((it) => it.id === c);
      if (!item) continue;
      const t = tally(country, c);
      t.total += weight;
      if (MISSING.test(raw)) {
        t.missing += weight;
        continue;
      }
      const v = Number(raw);
      if (!Number.isInteger(v) || !validCodes(item).includes(v)) {
        flag(`column '${c}': not one of the codes ${validCodes(item).join(", ")} (or blank/NA for no answer)`, line);
        continue;
      }
      t.counts.set(v, (t.counts.get(v) ?? 0) + weight);
      t.n++;
    }
  });
  for (const [what, lines] of bad)
    problems.push(
      `${what} in row${lines.length === 1 ? "" : "s"} ${lines.slice(0, 5).join(", ")}${lines.length > 5 ? ` (+${lines.length - 5} more)` : ""}`,
    );
  if (problems.length)
    throw new UsageError(`reference '${file}' has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.join("; ")}`, {
      details: { problems },
    });
  const countries = [...tallies.keys()].sort();
  return {
    file,
    countries,
    columns: cols,
    rows: rows.length,
    lookup(country, itemId) {
      const t = (tallies.get(country.toUpperCase()) ?? tallies.get(ALL))?.get(itemId);
      const item = instrument.items.find((i) => i.id === itemId);
      if (!t || !item || t.n === 0) return undefined;
      const codes = validCodes(item);
      const valid = codes.reduce((s, c) => s + (t.counts.get(c) ?? 0), 0);
      if (!(valid > 0)) return undefined;
      return {
        country,
        countryName: country,
        item: itemId,
        codes,
        shares: codes.map((c) => (t.counts.get(c) ?? 0) / valid),
        n: t.n,
        nApprox: weightAt >= 0,
        dkShare: t.total > 0 ? t.missing / t.total : null,
        naShare: null,
        excludedShare: 0,
        quality: "high",
        source: `user reference ${file}`,
        year: null,
      };
    },
  };
}

export function readUserReference(file: string, instrument: Instrument): UserReference {
  if (!existsSync(file)) throw new UsageError(`reference file '${file}' not found; pass a CSV with one column per item`);
  return parseUserReference(readFileSync(file, "utf8"), file, instrument);
}
