// a JSON file's value (manifest.json, metrics.json, …); the path is given in parts, as to join().
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `T` defaults to any, JSON.parse's own type, for quick field checks */
export function readJson<T = any>(...path: string[]): T {
  return JSON.parse(readFileSync(join(...path), "utf8")) as T;
}
