// --no-cache ($DEEPPERSONA_NO_CACHE=1) / --cache-dir → the response cache every chat model of the run goes through
// (DIR/responses). the offline model is never cached: it is free and a pure function already.
import { join } from "node:path";
import { directoryResponseCache } from "../core/cache/directory-response-cache.js";
import type { ResponseCache } from "../core/cache/response-cache.js";
import { systemClock } from "../core/scheduler/system-time.js";
import type { CommandContext } from "./command.js";

export const RESPONSES_SUBDIR = "responses";

export function responseCacheOption(ctx: CommandContext, cacheDir: string, offline: boolean): ResponseCache | undefined {
  const off = ctx.values["no-cache"] === true || /^(1|true|yes)$/i.test(ctx.env.DEEPPERSONA_NO_CACHE ?? "");
  if (offline || off) return undefined;
  return directoryResponseCache({ dir: join(cacheDir, RESPONSES_SUBDIR), now: systemClock });
}
