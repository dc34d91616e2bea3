// `deeppersona worker --queue redis://HOST:PORT`: a queue worker process (any number, any machine)
// running the model calls that run commands started with --queue put on the Redis queue.
import { once } from "node:events";
import { defineCommand } from "../command.js";
import { MODEL_OPTIONS } from "../model-options.js";

const pick = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, MODEL_OPTIONS[n] as NonNullable<(typeof MODEL_OPTIONS)[string]>]));

export const command = defineCommand({
  name: "worker",
  summary: "run queued model calls (BullMQ on Redis) for runs started with --queue",
  description:
    "Takes model-call jobs from the queue and sends them to --model with this machine's own key (OPENAI_API_KEY etc.; jobs carry no secret), --concurrency at a time, until ctrl-c (in-flight jobs finish first). $DEEPPERSONA_QUEUE_NAME names the queue (default deeppersona-calls; the run commands read it too). Start as many as you like, anywhere; a killed worker's jobs go back to the queue after --lock-duration. A 429 pauses the whole queue for the server's Retry-After. The worker serves one model: jobs for another model fail with a message naming it.",
  options: {
    queue: { type: "string", valueName: "URL", description: "redis://HOST:PORT of the queue (required)" },
    concurrency: {
      type: "string",
      valueName: "N",
      description: "jobs (model requests) in flight at once",
      default: "8",
      range: { min: 1, max: 1024 },
    },
    "lock-duration": {
      type: "string",
      valueName: "MS",
      description: "a job's lock: a worker silent this long has its jobs queued again",
      default: "30000",
      range: { min: 500, max: 3_600_000 },
    },
    ...pick(["model", "base-url", "server-kind", "request-timeout"]),
  },
  examples: [
    "deeppersona worker --queue redis://127.0.0.1:6379 --model openai:gpt-4.1-mini",
    "deeppersona worker --queue redis://10.0.0.5:6379 --model openai:qwen2.5-7b@http://127.0.0.1:8000/v1 --concurrency 32",
  ],
  async run(ctx) {
    const { UsageError } = await import("../../core/errors.js");
    const { checkQueueReachable, parseQueueUrl } = await import("../../core/executor/queue-connection.js");
    const { startQueueWorker } = await import("../../core/executor/queue-worker.js");
    const { resolveWorkerExecutor } = await import("../model-options.js");
    if (typeof ctx.values.queue !== "string")
      throw new UsageError("worker needs --queue redis://HOST:PORT (the Redis the run commands were started with)");
    const connection = parseQueueUrl(ctx.values.queue);
    const concurrency = Number(ctx.values.concurrency);
    await checkQueueReachable(connection);
    const executor = await resolveWorkerExecutor(ctx, { concurrency });
    const queueName = ctx.env.DEEPPERSONA_QUEUE_NAME || undefined;
    const worker = await startQueueWorker({
      connection,
      executor,
      concurrency,
      lockDurationMs: Number(ctx.values["lock-duration"]),
      ...(queueName ? { queueName } : {}),
    });
    ctx.stderr.write(
      `deeppersona worker: serving ${executor.ref.spec} from ${connection.display}, ${concurrency} at a time (ctrl-c to stop)\n`,
    );
    if (!ctx.signal.aborted) await once(ctx.signal, "abort");
    await worker.close();
    ctx.stderr.write(`deeppersona worker: stopped after ${worker.processed()} job(s)\n`);
    return 0;
  },
});
