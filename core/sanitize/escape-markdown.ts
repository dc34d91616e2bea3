// untrusted text → Markdown. two levels:
//   escapeMarkdown(text): one inline value (a table cell, a quoted answer): control bytes and
//     escape sequences removed, newlines folded, HTML escaped (&, <, >) and Markdown punctuation
//     backslash-escaped, so it renders as the literal text and cannot open a link, a tag or a cell;
//   markdownSafe(document): a whole generated report whose own syntax must survive: control bytes
//     and escape sequences removed and every `<` escaped (the reports use no raw HTML), so model
//     text inside cannot inject <script>, <img onerror=…> or an HTML comment.
import { redactUrlCredentials } from "./redact-url-credentials.js";
import { stripControl } from "./strip-control.js";

export function escapeMarkdown(text: string): string {
  return redactUrlCredentials(stripControl(text, { keepLines: false }))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]{}()#+!|~])/g, "\\$1");
}

export function markdownSafe(document: string): string {
  return redactUrlCredentials(stripControl(document)).replace(/</g, "&lt;");
}
