// `deeppersona queue status --queue URL`: the job counts of the model-call queue.
import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "queue status",
  summary: "job counts of the model-call queue (waiting, active, completed, failed, delayed)",
  description: "Completed jobs are kept 7 days so a resumed run takes their answers instead of paying again.",
  options: {
    queue: { type: "string", valueName: "URL", description: "redis://HOST:PORT of the queue (required)" },
    json: { type: "boolean", description: "the counts as JSON" },
  },
  examples: ["deeppersona queue status --queue redis://127.0.0.1:6379", "deeppersona queue status --queue redis://127.0.0.1:6379 --json"],
  async run(ctx) {
    const { UsageError } = await import("../../core/errors.js");
    const { checkQueueReachable, parseQueueUrl } = await import("../../core/executor/queue-connection.js");
    const { queueCounts } = await import("../../core/executor/queue-counts.js");
    if (typeof ctx.values.queue !== "string") throw new UsageError("queue status needs --queue redis://HOST:PORT");
    const connection = parseQueueUrl(ctx.values.queue);
    await checkQueueReachable(connection);
    const counts = await queueCounts(connection, ctx.env.DEEPPERSONA_QUEUE_NAME || undefined);
    if (printJson(ctx, { queue: connection.display, ...counts })) return 0;
    ctx.stdout.write(
      `queue ${connection.display}: waiting ${counts.waiting}  active ${counts.active}  completed ${counts.completed}  failed ${counts.failed}  delayed ${counts.delayed}\n`,
    );
    return 0;
  },
});
