// responses-wide.csv: the wide form of responses.jsonl, one line per arm × persona × sample and one
// column per item (the code; blank when refused or invalid). `metrics compare --simulated`
// reads it directly (extra id columns are ignored). text cells go through csvCell (OWASP CSV
// injection: an id like `=HYPERLINK(…)` is written as text, not run by a spreadsheet).
import { csvCell as cell } from "../../core/sanitize/csv-cell.js";
import type { ResponseRecord } from "./response-record.js";

export function responsesCsv(rows: readonly ResponseRecord[], items: readonly string[]): string {
  const lines = new Map<string, { head: string[]; values: Map<string, number | null> }>();
  for (const r of rows) {
    const k = `${r.arm}\u0000${r.persona_id}\u0000${r.sample}`;
    let line = lines.get(k);
    if (!line) {
      line = { head: [r.persona_id, r.country, r.arm, String(r.sample)], values: new Map() };
      lines.set(k, line);
    }
    line.values.set(r.item, r.status === "ok" ? r.value : null);
  }
  const out = [["persona_id", "country", "arm", "sample", ...items].map(cell).join(",")];
  for (const line of lines.values()) {
    out.push([...line.head.map(cell), ...items.map((i) => String(line.values.get(i) ?? ""))].join(","));
  }
  return `${out.join("\n")}\n`;
}
