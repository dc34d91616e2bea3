// metrics.json must match its zod schema: a drifted shape fails where it is written, not in a
// reader. the metrics are returned as built (their key order is the file's).
import type { z } from "zod";

export function checkedMetrics<M>(schema: z.ZodType, metrics: M): M {
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(metrics)));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`metrics.json does not match its schema: ${first ? `${first.path.join(".")}: ${first.message}` : "unknown"}`);
  }
  return metrics;
}
