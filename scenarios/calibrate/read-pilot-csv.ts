// the pilot of real respondents for `deeppersona calibrate`: a CSV with columns country, sex, age
// (+ optional education, urban) and one column per item (integer answer codes; empty = missing).
// every bad cell is one UsageError naming the file, line and the fix.
import { z } from "zod";
import { UsageError } from "../../core/errors.js";
import { parseCsvText } from "../../surveys/parse-csv-text.js";
import { resolveCountry } from "../../persona-engine/population/load-population-table.js";
import { EDUCATIONS, EDUCATION_LEVELS, MAX_AGE } from "../../persona-engine/population/population-labels.js";

export const PilotRowSchema = z.object({
  /** 1-based data line of the CSV (header = line 1) */
  line: z.number().int(),
  /** ISO3 */
  country: z.string(),
  sex: z.enum(["female", "male"]),
  age: z.number().int(),
  education_level: z.enum(EDUCATION_LEVELS).optional(),
  settlement: z.enum(["urban", "rural"]).optional(),
  /** item id → answer code (null: missing) */
  answers: z.record(z.string(), z.number().int().nullable()),
});
export type PilotRow = z.infer<typeof PilotRowSchema>;

export const PILOT_ANCHOR_COLUMNS = ["country", "sex", "age", "education", "urban"] as const;

export const SEX: Record<string, "female" | "male"> = {
  female: "female",
  f: "female",
  woman: "female",
  male: "male",
  m: "male",
  man: "male",
};
export const URBAN: Record<string, "urban" | "rural"> = {
  urban: "urban",
  "1": "urban",
  yes: "urban",
  true: "urban",
  rural: "rural",
  "0": "rural",
  no: "rural",
  false: "rural",
};

/** ISCED words (population-labels EDUCATIONS) or lower/middle/higher → the WVS-7 three levels */
export function educationLevel(value: string): (typeof EDUCATION_LEVELS)[number] | undefined {
  const v = value.trim().toLowerCase();
  if ((EDUCATION_LEVELS as readonly string[]).includes(v)) return v as (typeof EDUCATION_LEVELS)[number];
  const i = (EDUCATIONS as readonly string[]).indexOf(v);
  if (i < 0) return undefined;
  // EDUCATIONS runs ISCED 0 … 8: 0-2 lower, 3-4 middle, 5-8 higher
  return i <= 2 ? "lower" : i <= 4 ? "middle" : "higher";
}

export function readPilotCsv(text: string, file: string): PilotRow[] {
  const table = parseCsvText(text);
  const header = table.header.map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  for (const col of ["country", "sex", "age"]) {
    if (!lower.includes(col))
      throw new UsageError(
        `${file}: no '${col}' column; a pilot CSV needs columns country, sex, age (+ optional education, urban) and one column per item`,
      );
  }
  const itemCols = header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => !(PILOT_ANCHOR_COLUMNS as readonly string[]).includes(h.toLowerCase()));
  if (itemCols.length === 0)
    throw new UsageError(`${file}: no item columns; add one column per item (e.g. Q57) with the respondents' answer codes`);
  const col = (name: string) => lower.indexOf(name);
  const rows: PilotRow[] = [];
  table.rows.forEach((cells, r) => {
    const line = r + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    let country: string;
    try {
      country = resolveCountry(cell(col("country")));
    } catch {
      throw new UsageError(
        `${file}:${line}: unknown country '${cell(col("country"))}'; use an ISO3 code with population tables (deeppersona population list)`,
      );
    }
    const sex = SEX[cell(col("sex")).toLowerCase()];
    if (!sex) throw new UsageError(`${file}:${line}: sex '${cell(col("sex"))}' must be female or male`);
    const age = Number(cell(col("age")));
    if (!Number.isInteger(age) || age < 18 || age > MAX_AGE)
      throw new UsageError(`${file}:${line}: age '${cell(col("age"))}' must be an integer 18-${MAX_AGE}`);
    const row: PilotRow = { line, country, sex, age, answers: {} };
    const edu = cell(col("education"));
    if (edu) {
      const level = educationLevel(edu);
      if (!level)
        throw new UsageError(
          `${file}:${line}: education '${edu}' must be lower, middle or higher (or an ISCED level: ${EDUCATIONS.join(", ")})`,
        );
      row.education_level = level;
    }
    const urban = cell(col("urban"));
    if (urban) {
      const s = URBAN[urban.toLowerCase()];
      if (!s) throw new UsageError(`${file}:${line}: urban '${urban}' must be urban or rural (or 1/0)`);
      row.settlement = s;
    }
    for (const { h, i } of itemCols) {
      const v = cell(i);
      if (v === "") {
        row.answers[h] = null;
        continue;
      }
      const code = Number(v);
      if (!Number.isInteger(code))
        throw new UsageError(`${file}:${line}: ${h} answer '${v}' must be an integer answer code (empty when missing)`);
      row.answers[h] = code;
    }
    rows.push(row);
  });
  if (rows.length < 2) throw new UsageError(`${file}: the pilot needs at least 2 respondents (has ${rows.length})`);
  return rows;
}
