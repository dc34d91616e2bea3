// `deeppersona cache stats`: entries, size and age of the model response cache.
import { defineCommand, printJson } from "../command.js";
import { CACHE_DIR_OPTIONS } from "../cache-dir-option.js";

export const command = defineCommand({
  name: "cache stats",
  summary: "entries, size and age of the model response cache",
  description:
    "Model responses are cached by exact request (model, base URL, messages, schema, sampling parameters, seed) under DIR/responses; re-running a request costs nothing. See `cache prune` to bound the size.",
  options: { ...CACHE_DIR_OPTIONS },
  examples: ["deeppersona cache stats", "deeppersona cache stats --cache-dir .cache --json"],
  async run(ctx) {
    const { responseCacheStats } = await import("../../core/cache/response-cache-stats.js");
    const { formatMegabytes, responsesDirOf } = await import("../cache-dir-option.js");
    const stats = await responseCacheStats(responsesDirOf(ctx));
    if (printJson(ctx, stats, 2)) return 0;
    const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString().slice(0, 19) + "Z");
    ctx.stdout.write(
      [
        `response cache: ${stats.dir}`,
        `  entries ${stats.entries}  size ${formatMegabytes(stats.bytes)}`,
        `  least recently used ${iso(stats.oldestMs)}  most recently used ${iso(stats.newestMs)}`,
        ...(stats.temps
          ? [`  ${stats.temps} temp file(s) (writes in progress or left by a crash; \`cache prune\` removes stale ones)`]
          : []),
      ].join("\n") + "\n",
    );
    return 0;
  },
});
