// --executor batch: the batch executor's knobs from the environment (DEEPPERSONA_BATCH_POLL_MS,
// default 30 s between polls; DEEPPERSONA_BATCH_IDLE_MS, default 2 s without a new request before
// the waiting requests are sent as one batch) and its progress lines on stderr.
import type { BatchKnobs } from "../core/executor/batch-executor.js";
import type { BatchClientEvent } from "../core/executor/openai-batch-client.js";
import { UsageError } from "../core/errors.js";
import { sanitizeForTerminal } from "../core/sanitize/sanitize-for-terminal.js";
import type { CommandContext } from "./command.js";

function envMs(ctx: CommandContext, name: string): number | undefined {
  const raw = ctx.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number of ms ≥ 0, got '${raw}'`);
  return n;
}

/** one progress line per batch event (server-given ids sanitised) */
export function batchEventLine(e: BatchClientEvent): string {
  const id = "batch" in e ? sanitizeForTerminal(e.batch, { singleLine: true }).slice(0, 80) : "";
  switch (e.type) {
    case "batch-created":
      return `deeppersona: batch ${id}: ${e.requests} requests sent (round ${e.round})\n`;
    case "batch-status":
      return `deeppersona: batch ${id}: ${sanitizeForTerminal(e.status, { singleLine: true }).slice(0, 40)}\n`;
    case "batch-done":
      return `deeppersona: batch ${id} ended ${sanitizeForTerminal(e.status, { singleLine: true }).slice(0, 40)}: ${e.answered} answered, ${e.errored} errored, ${e.missing} missing${e.rejected ? `, ${e.rejected} malformed lines ignored` : ""}\n`;
    case "batch-resubmit":
      return `deeppersona: batch round ${e.round}: resubmitting ${e.ids} unanswered requests\n`;
  }
}

export function batchKnobs(ctx: CommandContext): BatchKnobs {
  const pollIntervalMs = envMs(ctx, "DEEPPERSONA_BATCH_POLL_MS");
  const idleMs = envMs(ctx, "DEEPPERSONA_BATCH_IDLE_MS");
  return {
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    ...(idleMs === undefined ? {} : { idleMs }),
    onEvent: (e) => ctx.stderr.write(batchEventLine(e)),
  };
}
