// `mkdir -p` that cannot spin: Node's recursive mkdir retries for ever where a parent exists but
// refuses the child with ENOENT (procfs: `--out /proc/x` hung). this creates the missing levels
// one at a time, top down, and lets any refusal through as the error it is.
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

export function makeDirectory(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    try {
      if (statSync(dir).isDirectory() || missing.length > 0) break; // a file above: mkdir says ENOTDIR
      throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), { code: "EEXIST", path: dir });
    } catch (err) {
      if (codeOf(err) !== "ENOENT") throw err;
    }
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (err) {
      if (codeOf(err) !== "EEXIST") throw err; // made meanwhile by another writer
    }
  }
}
