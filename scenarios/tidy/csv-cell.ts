// one typed CSV cell of a tidy table: null → empty, numbers and booleans as they are, text through
// the shared CSV sanitiser (core/sanitize/csv-cell.ts: RFC 4180 quoting, a leading = + - @ tab or
// CR neutralised per OWASP, control bytes removed); an empty string is quoted ("") so it stays
// distinct from null.
import { csvCell as sanitizedCell } from "../../core/sanitize/csv-cell.js";
import type { TidyType, TidyValue } from "./tidy-table.js";

export function csvCell(type: TidyType, value: TidyValue): string {
  if (value === null) return "";
  if (type !== "string") return typeof value === "boolean" ? (value ? "true" : "false") : String(value);
  const text = String(value);
  return text === "" ? '""' : sanitizedCell(text);
}
