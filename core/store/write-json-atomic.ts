// write a json file so readers see either the old or the new content, never a torn one:
// write a temp file next to it, fsync, then rename over the target.
import { open, rename } from "node:fs/promises";

export const ATOMIC_TEMP_SUFFIX = ".tmp-";

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}${ATOMIC_TEMP_SUFFIX}${process.pid}`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
