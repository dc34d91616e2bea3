// write a text file so readers see either the old or the new content, never a torn one: write a
// temp file next to it, fsync, then rename over the target. when any step fails (disk full, I/O
// error) the temp file is removed, so no stray `*.tmp-<pid>` is left, and the error is rethrown
// (typed E_STORAGE for a full/failing disk).
import { open, rename, rm } from "node:fs/promises";
import { basename } from "node:path";
import { rethrowStorage } from "./storage-error.js";

export const ATOMIC_TEMP_SUFFIX = ".tmp-";

export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}${ATOMIC_TEMP_SUFFIX}${process.pid}`;
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    rethrowStorage(err, `'${basename(path)}'`);
  }
}
