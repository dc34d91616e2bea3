// quota specs: "sex=female:0.5,male:0.5", "age=18-29:0.3,30-49:0.4,50+:0.3",
// "education_level=lower:0.2,middle:0.5,higher:0.3". shares must sum to 1; levels not listed get 0.
// validated against the vocabularies here; feasibility per country is checked when planning.
import { UsageError, ERROR_CODES } from "../../core/errors.js";
import { closeMatches } from "../../core/close-matches.js";
import { MAX_AGE, SEXES, VARIABLE_LEVELS } from "./population-labels.js";

export const QUOTA_VARIABLES = [
  "sex",
  "age",
  "education_level",
  "education",
  "marital_status",
  "employment",
  "occupation_group",
  "income_decile",
  "religion",
  "settlement",
  "household_size",
] as const;
export type QuotaVariable = (typeof QUOTA_VARIABLES)[number];

export interface QuotaTarget {
  /** a level of the variable; for age a band "18-29" or "65+" */
  level: string;
  share: number;
  /** age bands only: inclusive integer years */
  ages?: [number, number];
}

export interface Quota {
  variable: QuotaVariable;
  targets: QuotaTarget[];
}

function bad(spec: string, why: string): never {
  throw new UsageError(`malformed quota '${spec}': ${why}`, { code: ERROR_CODES.invalidInput });
}

function parseAgeBand(spec: string, level: string): [number, number] {
  const m = /^(\d+)(?:-(\d+)|\+)$/.exec(level);
  if (!m) bad(spec, `age band '${level}' must look like 18-29 or 65+`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? MAX_AGE : Number(m[2]);
  if (lo < 18 || hi > MAX_AGE || lo > hi) bad(spec, `age band '${level}' must lie within 18-${MAX_AGE}`);
  return [lo, hi];
}

/** parses one quota; throws a one-line UsageError naming the problem */
export function parseQuota(spec: string): Quota {
  const eq = spec.indexOf("=");
  if (eq <= 0) bad(spec, "expected VARIABLE=LEVEL:SHARE,LEVEL:SHARE (e.g. sex=female:0.5,male:0.5)");
  const name = spec.slice(0, eq).trim().toLowerCase().replace(/-/g, "_");
  if (!(QUOTA_VARIABLES as readonly string[]).includes(name)) {
    const hint = closeMatches(name, QUOTA_VARIABLES);
    throw new UsageError(
      `quota for unknown variable '${name}'${hint.length ? ` (did you mean: ${hint.join(", ")}?)` : ""}; quota variables: ${QUOTA_VARIABLES.join(", ")}`,
      { code: ERROR_CODES.invalidInput },
    );
  }
  const variable = name as QuotaVariable;
  const body = spec.slice(eq + 1).trim();
  if (!body) bad(spec, "no LEVEL:SHARE pairs after '='");
  const vocabulary: readonly string[] | null =
    variable === "sex" ? SEXES : variable === "age" ? null : (VARIABLE_LEVELS[variable] as readonly string[]);
  const targets: QuotaTarget[] = [];
  for (const part of body.split(",")) {
    const colon = part.lastIndexOf(":");
    if (colon <= 0) bad(spec, `'${part.trim()}' is not LEVEL:SHARE`);
    let level = part.slice(0, colon).trim().toLowerCase();
    const shareText = part.slice(colon + 1).trim();
    const share = Number(shareText);
    if (shareText === "" || !Number.isFinite(share) || share < 0 || share > 1)
      bad(spec, `share '${shareText}' of '${level}' must be a number in [0, 1]`);
    let ages: [number, number] | undefined;
    if (vocabulary === null) {
      ages = parseAgeBand(spec, level);
      level = ages[1] >= MAX_AGE ? `${ages[0]}+` : `${ages[0]}-${ages[1]}`;
    } else {
      if (variable === "household_size" && level === "7+") level = "7";
      if (!vocabulary.includes(level)) {
        const hint = closeMatches(level, vocabulary);
        throw new UsageError(
          `quota ${variable}: unknown level '${level}'${hint.length ? ` (did you mean: ${hint.join(", ")}?)` : ""}; levels: ${vocabulary.join(", ")}`,
          { code: ERROR_CODES.invalidInput },
        );
      }
    }
    if (targets.some((t) => t.level === level)) bad(spec, `level '${level}' is listed twice`);
    targets.push({ level, share, ...(ages ? { ages } : {}) });
  }
  if (variable === "age") {
    const sorted = targets.map((t) => t.ages as [number, number]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i] as [number, number])[0] <= (sorted[i - 1] as [number, number])[1]) bad(spec, "age bands overlap");
    }
  }
  const total = targets.reduce((t, x) => t + x.share, 0);
  if (Math.abs(total - 1) > 1e-6) bad(spec, `shares sum to ${+total.toFixed(6)}; they must sum to 1 (levels not listed get 0)`);
  return { variable, targets };
}

/** several quotas; one per variable, and not both education and education_level */
export function parseQuotas(specs: readonly (string | Quota)[]): Quota[] {
  // quota objects are re-validated through their text form
  const out = specs.map((s) =>
    parseQuota(typeof s === "string" ? s : `${s.variable}=${s.targets.map((t) => `${t.level}:${t.share}`).join(",")}`),
  );
  const seen = new Set<string>();
  for (const q of out) {
    if (seen.has(q.variable))
      throw new UsageError(`quota on '${q.variable}' given twice; give one quota per variable`, { code: ERROR_CODES.invalidInput });
    seen.add(q.variable);
  }
  if (seen.has("education") && seen.has("education_level")) {
    throw new UsageError("give a quota on education or on education_level, not both (one determines the other)", {
      code: ERROR_CODES.invalidInput,
    });
  }
  return out;
}
