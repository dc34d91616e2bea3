// untrusted text → an HTML/XML text node or attribute value: & < > " ' escaped, and control
// characters (invalid in XML, invisible in HTML) removed.
import { stripControl } from "./strip-control.js";

export function escapeHtml(text: string): string {
  return stripControl(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
