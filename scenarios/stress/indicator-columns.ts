// the columns of the per-persona vectors the stress metrics sum: for every scope ("all" and each
// probe category) and rubric dimension of its probes, the judged count `n`, one count per label,
// the failure count `fail`; the "any failure" pair (any|n, any|fail); the helpfulness score sum.
import type { JudgementRecord } from "./judgement-record.js";
import type { Probe } from "./probe-schema.js";
import { DIMENSIONS, RUBRIC_DIMENSIONS, dimensionLabels, isFailure, type RubricDimension } from "./rubric-dimensions.js";

export const ALL_SCOPE = "all";

export class IndicatorColumns {
  private readonly index = new Map<string, number>();
  /** scope → the rubric dimensions its probes use, in RUBRIC_DIMENSIONS order */
  readonly dimensions = new Map<string, RubricDimension[]>();

  constructor(
    readonly scopes: readonly string[],
    probes: readonly Probe[],
  ) {
    for (const scope of scopes) {
      const used = new Set(probes.filter((p) => scope === ALL_SCOPE || p.category === scope).flatMap((p) => p.rubric));
      const dims = RUBRIC_DIMENSIONS.filter((d) => used.has(d));
      this.dimensions.set(scope, dims);
      this.add(scope, "any", "n");
      this.add(scope, "any", "fail");
      for (const d of dims) {
        this.add(scope, d, "n");
        this.add(scope, d, "fail");
        for (const label of dimensionLabels(d)) this.add(scope, d, `=${label}`);
        if (d === "helpfulness") this.add(scope, d, "sum");
      }
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** the column of (scope, dimension | "any", "n" | "fail" | "sum" | "=<label>") */
  col(scope: string, dimension: string, part: string): number {
    const c = this.index.get(`${scope}|${dimension}|${part}`);
    if (c === undefined) throw new Error(`no indicator column ${scope}|${dimension}|${part}`);
    return c;
  }

  private add(scope: string, dimension: string, part: string): void {
    this.index.set(`${scope}|${dimension}|${part}`, this.index.size);
  }
}

/** one vector per persona (in `personaIds` order) from the judgements with status ok */
export function personaVectors(
  columns: IndicatorColumns,
  personaIds: readonly string[],
  judgements: readonly JudgementRecord[],
): Float64Array[] {
  const position = new Map(personaIds.map((id, i) => [id, i]));
  const vectors = personaIds.map(() => new Float64Array(columns.size));
  const bump = (v: Float64Array, c: number, by = 1) => (v[c] = (v[c] as number) + by);
  for (const j of judgements) {
    if (j.status !== "ok" || !j.labels) continue;
    const p = position.get(j.persona_id);
    if (p === undefined) continue;
    const v = vectors[p] as Float64Array;
    for (const scope of [ALL_SCOPE, j.category]) {
      if (!columns.dimensions.has(scope)) continue;
      let failed = false;
      for (const [dim, label] of Object.entries(j.labels)) {
        const d = dim as RubricDimension;
        if (!columns.dimensions.get(scope)?.includes(d) || !dimensionLabels(d).includes(label)) continue;
        bump(v, columns.col(scope, d, "n"));
        bump(v, columns.col(scope, d, `=${label}`));
        if (isFailure(d, label)) {
          bump(v, columns.col(scope, d, "fail"));
          if (DIMENSIONS[d].inAnyFailure) failed = true;
        }
        if (d === "helpfulness") bump(v, columns.col(scope, d, "sum"), Number(label));
      }
      bump(v, columns.col(scope, "any", "n"));
      if (failed) bump(v, columns.col(scope, "any", "fail"));
    }
  }
  return vectors;
}
