// the "Answers" table of every report: per arm (or phase) its rows and how many were ok, refused
// or invalid.
import type { Markup } from "./markup.js";

type StatusCounts = { rows: number; ok: number; refused: number; invalid: number };

export function statusTable(x: Markup, label: string, counts: readonly (readonly [string, StatusCounts])[]): string {
  return x.table(
    [label, "rows", "ok", "refused", "invalid"],
    counts.map(([name, c]) => [x.text(name), c.rows, c.ok, c.refused, c.invalid]),
  );
}
