// --executor batch: the batch executor's knobs from the environment (DEEPPERSONA_BATCH_POLL_MS,
// default 30 s between polls; DEEPPERSONA_BATCH_IDLE_MS, default 2 s without a new request before
// the waiting requests are sent as one batch), its progress lines on stderr and its run events.
import type { BatchKnobs } from "../core/executor/batch-executor.js";
import type { BatchClientEvent } from "../core/executor/openai-batch-client.js";
import { UsageError } from "../core/errors.js";
import { sanitizeForTerminal } from "../core/sanitize/sanitize-for-terminal.js";
import type { BatchProgressEvent } from "../core/model/model-client.js";
import type { CommandContext } from "./command.js";

function envMs(ctx: CommandContext, name: string): number | undefined {
  const raw = ctx.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number of ms ≥ 0, got '${raw}'`);
  return n;
}

const clean = (text: string, max: number) => sanitizeForTerminal(text, { singleLine: true }).slice(0, max);

/** a batch event as a run event (events.jsonl, the dashboard): server-given ids and statuses sanitised */
export function batchProgressEvent(e: BatchClientEvent): BatchProgressEvent {
  switch (e.type) {
    case "batch-created":
      return { type: "batch", stage: "created", round: e.round, batch: clean(e.batch, 80), requests: e.requests };
    case "batch-status":
      return { type: "batch", stage: "status", batch: clean(e.batch, 80), status: clean(e.status, 40) };
    case "batch-done": {
      const { answered, errored, missing, rejected } = e;
      return {
        type: "batch",
        stage: "done",
        round: e.round,
        batch: clean(e.batch, 80),
        status: clean(e.status, 40),
        answered,
        errored,
        missing,
        rejected,
      };
    }
    case "batch-resubmit":
      return { type: "batch", stage: "resubmit", round: e.round, requests: e.ids };
  }
}

/** what a batch event says, in words (the stderr line, the dashboard header) */
export function batchProgressText(e: BatchProgressEvent): string {
  const id = e.batch ?? "";
  switch (e.stage) {
    case "created":
      return `batch ${id}: ${e.requests} requests sent (round ${e.round})`;
    case "status":
      return `batch ${id}: ${e.status}`;
    case "done":
      return `batch ${id} ended ${e.status}: ${e.answered} answered, ${e.errored} errored, ${e.missing} missing${e.rejected ? `, ${e.rejected} malformed lines ignored` : ""}`;
    case "resubmit":
      return `batch round ${e.round}: resubmitting ${e.requests} unanswered requests`;
  }
}

/** the knobs, and every batch event as a stderr line and as a run event (`onEvent`: events.jsonl) */
export function batchKnobs(ctx: CommandContext, onEvent?: (event: BatchProgressEvent) => void): BatchKnobs {
  const pollIntervalMs = envMs(ctx, "DEEPPERSONA_BATCH_POLL_MS");
  const idleMs = envMs(ctx, "DEEPPERSONA_BATCH_IDLE_MS");
  return {
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    ...(idleMs === undefined ? {} : { idleMs }),
    onEvent: (e) => {
      const event = batchProgressEvent(e);
      ctx.stderr.write(`deeppersona: ${batchProgressText(event)}\n`);
      onEvent?.(event);
    },
  };
}
