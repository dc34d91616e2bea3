// the text of an input file the user named, strictly: unreadable (missing, a folder, no
// permission) or not valid UTF-8 is a one-line UsageError naming the file (and, for bad bytes,
// the line) — never silently replaced with U+FFFD. a leading byte-order mark is dropped.
import { readFileSync } from "node:fs";
import { ERROR_CODES, UsageError } from "../errors.js";

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a folder",
};

/** `what` names the input in messages, e.g. "--personas file" */
export function readUtf8File(path: string, shown: string, what = "input file"): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new UsageError(`cannot read ${what} '${shown}': ${REASONS[code] ?? (err as Error).message}${code ? ` (${code})` : ""}`, {
      code: ERROR_CODES.fileAccess,
    });
  }
  return decodeUtf8(bytes, shown, what);
}

/** bytes → text, or a UsageError naming the first line with invalid UTF-8 */
export function decodeUtf8(bytes: Uint8Array, shown: string, what = "input file"): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = firstInvalidLine(bytes);
    throw new UsageError(`${shown}:${line}: ${what} is not valid UTF-8; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)`, {
      code: ERROR_CODES.invalidFile,
    });
  }
}

function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
