// a TidyTable as CSV: a header line, one line per row, null = an empty cell (an empty string is "").
import type { TidyTable } from "./tidy-table.js";
import { csvCell } from "./csv-cell.js";

export function tidyCsv(table: TidyTable): string {
  const lines = [table.columns.map((c) => csvCell("string", c.name)).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => csvCell(c.type, row[i] ?? null)).join(","));
  return `${lines.join("\n")}\n`;
}
