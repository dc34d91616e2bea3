// the job counts of a queue (`deeppersona queue status`)
import { DEFAULT_QUEUE_NAME, redisOptions, type QueueConnection } from "./queue-connection.js";

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export async function queueCounts(connection: QueueConnection, queueName = DEFAULT_QUEUE_NAME): Promise<QueueCounts> {
  const { Queue } = await import("bullmq");
  const queue = new Queue(queueName, { connection: redisOptions(connection) });
  queue.on("error", () => undefined);
  try {
    const c = await queue.getJobCounts("waiting", "active", "completed", "failed", "delayed");
    return { waiting: c.waiting ?? 0, active: c.active ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0, delayed: c.delayed ?? 0 };
  } finally {
    await queue.close();
  }
}
