// write a json file so readers see either the old or the new content, never a torn one (temp file
// + fsync + rename, see write-text-atomic.ts; no temp file is left behind when it fails).
import { writeTextAtomic } from "./write-text-atomic.js";

export { ATOMIC_TEMP_SUFFIX } from "./write-text-atomic.js";

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
