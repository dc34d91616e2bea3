// the cache folder flags of the `cache` commands: --cache-dir, else $DEEPPERSONA_CACHE_DIR, else
// ~/.cache/deeppersona (the same resolution as the model commands); responses live in DIR/responses.
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { CommandContext, OptionSpec } from "./command.js";
import { RESPONSES_SUBDIR } from "./response-cache-option.js";

export const CACHE_DIR_OPTIONS: Record<string, OptionSpec> = {
  "cache-dir": {
    type: "string",
    valueName: "DIR",
    description: "cache folder (default: $DEEPPERSONA_CACHE_DIR or ~/.cache/deeppersona); responses are in DIR/responses",
  },
  json: { type: "boolean", description: "print the result as JSON" },
};

/** the responses folder the flags name */
export function responsesDirOf(ctx: CommandContext): string {
  const flag = typeof ctx.values["cache-dir"] === "string" ? (ctx.values["cache-dir"] as string) : undefined;
  return join(resolve(ctx.cwd, flag ?? ctx.env.DEEPPERSONA_CACHE_DIR ?? join(homedir(), ".cache", "deeppersona")), RESPONSES_SUBDIR);
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}
