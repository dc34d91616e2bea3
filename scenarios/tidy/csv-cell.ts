// one CSV cell. no shared CSV sanitiser existed when the tidy outputs were written (core/sanitize/
// was absent), so this is local: quoting per RFC 4180, and text starting with = + - @ tab or CR
// (a spreadsheet formula) is prefixed with ' so a spreadsheet shows it instead of running it.
// only text cells are neutralised: numbers (e.g. -1) stay numbers.
import type { TidyType, TidyValue } from "./tidy-table.js";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(type: TidyType, value: TidyValue): string {
  if (value === null) return "";
  if (type !== "string") return typeof value === "boolean" ? (value ? "true" : "false") : String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
}
