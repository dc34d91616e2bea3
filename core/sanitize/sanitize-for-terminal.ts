// untrusted text → safe to print on a terminal: no escape sequences (clear screen, window title,
// cursor moves), no control bytes (NUL, BEL, backspace, carriage return), no bidi overrides, and
// credentials in URLs redacted. `singleLine` folds newlines too (error lines, table cells).
import { redactUrlCredentials } from "./redact-url-credentials.js";
import { stripControl } from "./strip-control.js";

export interface SanitizeForTerminalOptions {
  /** fold newlines and tabs into spaces (one-line messages); default false */
  singleLine?: boolean;
}

export function sanitizeForTerminal(text: string, options: SanitizeForTerminalOptions = {}): string {
  return redactUrlCredentials(stripControl(text, { keepLines: !options.singleLine }));
}
