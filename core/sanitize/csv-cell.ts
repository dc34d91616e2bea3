// one CSV cell (RFC 4180 quoting) that a spreadsheet will not run: per OWASP "CSV injection", a
// text cell starting with = + - @ tab or carriage return gets a leading apostrophe, so
// `=HYPERLINK(…)` stays text. numbers (and numeric text such as "-3") are written as they are.
import { stripControl } from "./strip-control.js";

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMERIC.test(text)) text = `'${text}`;
  text = stripControl(text);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
