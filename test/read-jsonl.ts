// the records of a JSONL file (responses.jsonl, events.jsonl, …), blank lines skipped; the path is given in parts, as to join().
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `T` defaults to any, JSON.parse's own type, for quick field checks */
export function readJsonl<T = any>(...path: string[]): T[] {
  return readFileSync(join(...path), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}
