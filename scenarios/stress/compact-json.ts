// metrics.json's layout: two-space indented JSON, but number arrays (intervals) and small flat
// objects (rates) on one line, so a file of thousands of rates stays readable and compact. only
// pretty-printing newlines are touched (JSON strings never hold a raw newline), so values are intact.
import { writeTextAtomic } from "../../core/store/write-text-atomic.js";

/** JSON with two-space indentation, but number arrays (intervals) and small flat objects (rates) on one line */
export function compactJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2)
    .replace(/\[\n\s+(-?[\d.e+-]+(?:,\n\s+-?[\d.e+-]+)*)\n\s+\]/g, (_m, inner: string) => `[${inner.replace(/,\s+/g, ", ")}]`)
    .replace(/\{\n\s+([^{}[\]]*?(?:\[[^\n\]]*\][^{}[\]]*?)*)\n\s+\}/g, (m, inner: string) => {
      const flat = `{ ${inner.replace(/,\n\s+/g, ", ")} }`;
      return flat.length <= 120 && !flat.includes("\n") ? flat : m;
    });
  return `${text}\n`;
}

/** temp file + rename: readers see the old or the new content, never a torn one (no temp file left on failure) */
export async function writeCompactJson(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, compactJson(value));
}
