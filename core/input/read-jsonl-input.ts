// the one strict reader for JSONL input files (--personas, taxonomy mine --conversations,
// questionnaire files…): valid UTF-8 (read-utf8-file.ts), one JSON value per line, each checked
// by `parse`. a torn or invalid line — the last one included: a file cut off mid-line is not
// "complete" — is a UsageError naming file and line, unless `skipInvalid` (the --skip-invalid
// flag), in which case it is skipped AND reported in `skipped` so callers can count it in their
// summary and manifest. duplicate ids (`idOf`) are always an error naming both lines.
import { ERROR_CODES, UsageError } from "../errors.js";
import { readUtf8File } from "./read-utf8-file.js";

export interface JsonlInputLine<T> {
  value: T;
  /** 1-based line number */
  line: number;
}

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface ReadJsonlInputOptions<T> {
  /** the file as the user typed it (messages) */
  shown: string;
  /** what the file is, e.g. "--personas file" */
  what: string;
  /** a line's JSON → the value, or throw an Error whose message says what is wrong with it */
  parse(json: unknown, line: number): T;
  /** the id duplicates are checked on; undefined: no check */
  idOf?: (value: T) => string | undefined;
  skipInvalid?: boolean;
  /** the expected shape, appended to the error (e.g. "one persona object per line") */
  hint?: string;
}

export interface JsonlInput<T> {
  lines: JsonlInputLine<T>[];
  skipped: SkippedLine[];
}

export function readJsonlInput<T>(path: string, o: ReadJsonlInputOptions<T>): JsonlInput<T> {
  const out: JsonlInput<T> = { lines: [], skipped: [] };
  const seen = new Map<string, number>();
  const rows = readUtf8File(path, o.shown, o.what).split("\n");
  const hint = o.hint ? `; ${o.hint}` : "";
  rows.forEach((raw, i) => {
    const line = i + 1;
    const body = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!body.trim()) return;
    const torn = i === rows.length - 1; // no newline after it: maybe cut off mid-write
    let value: T;
    try {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (err) {
        throw new Error(
          torn ? "the last line is cut off (not valid JSON; was the file truncated?)" : `not valid JSON (${(err as Error).message})`,
        );
      }
      value = o.parse(json, line);
    } catch (err) {
      const reason = (err as Error).message;
      if (o.skipInvalid) {
        out.skipped.push({ line, reason });
        return;
      }
      throw new UsageError(`${o.shown}:${line}: ${reason}${hint}; fix the line or pass --skip-invalid to skip bad lines`, {
        code: ERROR_CODES.invalidFile,
      });
    }
    const id = o.idOf?.(value);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined)
        throw new UsageError(`${o.shown}:${line}: duplicate id '${id}' (first on line ${first}); ids must be unique`, {
          code: ERROR_CODES.invalidFile,
        });
      seen.set(id, line);
    }
    out.lines.push({ value, line });
  });
  return out;
}
