// `mkdir -p` that cannot spin: Node's recursive mkdir retries for ever where a parent exists but
// refuses the child with ENOENT (procfs: `--out /proc/x` hung). this creates the missing levels
// one at a time, top down, and lets any refusal through as the error it is.
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** creates the missing levels of `path`, recording each one it made in `created` (top down) */
function makeLevels(path: string, created: string[]): void {
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
      created.push(dir);
    } catch (err) {
      if (codeOf(err) !== "EEXIST") throw err; // made meanwhile by another writer
    }
  }
}

export function makeDirectory(path: string): void {
  makeLevels(path, []);
}

/** throws what makeDirectory(path) would, and leaves nothing behind: every level it made is removed
 *  again (a bad --out is found before anything is printed or written, whatever refuses it: a
 *  permission, a read-only or special file system, a file in the way) */
export function probeDirectory(path: string): void {
  const created: string[] = [];
  try {
    makeLevels(path, created);
  } finally {
    for (const dir of created.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // another writer put something in it meanwhile: it is theirs now
      }
    }
  }
}
