// `deeppersona cache prune`: bound the response cache by size (least recently used go first)
// and/or age.
import { defineCommand, printJson } from "../command.js";
import { CACHE_DIR_OPTIONS } from "../cache-dir-option.js";

export const command = defineCommand({
  name: "cache prune",
  summary: "shrink the model response cache (--max-mb, --older-than DAYS)",
  description:
    "Removes cached responses not used for more than --older-than days, then the least recently used ones until the cache fits --max-mb. With neither flag, --max-mb 500. Safe while runs are going: a removed entry is just a miss.",
  options: {
    ...CACHE_DIR_OPTIONS,
    "max-mb": { type: "string", valueName: "N", description: "keep at most N megabytes (default 500 when --older-than is not given)" },
    "older-than": { type: "string", valueName: "DAYS", description: "remove entries not used for more than DAYS days" },
  },
  examples: ["deeppersona cache prune --max-mb 200", "deeppersona cache prune --older-than 30"],
  async run(ctx) {
    const { UsageError } = await import("../../core/errors.js");
    const { pruneResponseCache } = await import("../../core/cache/prune-response-cache.js");
    const { systemClock } = await import("../../core/scheduler/system-time.js");
    const { formatMegabytes, responsesDirOf } = await import("../cache-dir-option.js");
    const num = (flag: string): number | undefined => {
      const raw = ctx.values[flag];
      if (typeof raw !== "string") return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} must be a non-negative number, got '${raw}'`);
      return n;
    };
    const olderThanDays = num("older-than");
    const maxMb = num("max-mb") ?? (olderThanDays === undefined ? 500 : undefined);
    const dir = responsesDirOf(ctx);
    const r = await pruneResponseCache({
      dir,
      now: systemClock(),
      ...(maxMb === undefined ? {} : { maxBytes: maxMb * 1_000_000 }),
      ...(olderThanDays === undefined ? {} : { olderThanMs: olderThanDays * 86_400_000 }),
    });
    if (!printJson(ctx, { dir, ...r }, 2))
      ctx.stdout.write(
        `response cache: ${dir}\n  removed ${r.removed} (${formatMegabytes(r.removedBytes)})  kept ${r.kept} (${formatMegabytes(r.keptBytes)})\n`,
      );
    return 0;
  },
});
