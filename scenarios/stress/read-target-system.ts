// --target-system FILE|TEXT: the target assistant's system prompt. an existing path is read (it
// must be a readable, non-empty text file); something that looks like a path but does not exist
// is an error (a typo should not silently become the prompt); anything else is the text itself.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../../core/errors.js";
import { DEFAULT_TARGET_SYSTEM } from "./stress-target-prompt.js";
import type { TargetSystem } from "./stress-spec.js";

const PATH_LIKE = /^(\.{0,2}\/|~\/|[A-Za-z]:\\)|^[^\s]+\.(txt|md|prompt|text)$/i;

export function readTargetSystem(cwd: string, value: string | undefined): TargetSystem {
  if (value === undefined) return { source: "default", text: DEFAULT_TARGET_SYSTEM };
  if (!value.trim()) throw new UsageError("--target-system is empty; pass a file or the prompt text");
  const abs = resolve(cwd, value);
  let isFile = false;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) throw new UsageError(`--target-system '${value}' is a directory; pass a text file or the prompt text`);
    isFile = st.isFile();
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
  if (!isFile) {
    if (PATH_LIKE.test(value.trim()))
      throw new UsageError(`cannot read --target-system file '${value}' (no such file); pass a readable file or the prompt text itself`);
    return { source: "text", text: value.trim() };
  }
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read --target-system file '${value}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); pass a readable file or the prompt text itself`,
    );
  }
  if (!text.trim()) throw new UsageError(`--target-system file '${value}' is empty`);
  return { source: `file:${value}`, text: text.trim() };
}
