// the OpenAI Batch API (and compatible servers) as one call: request lines in, one outcome per
// custom_id out. a round uploads the pending lines as JSONL files (split at 50,000 requests /
// 200 MB), creates one batch per file (/v1/chat/completions, 24h), polls each with the injected
// sleep until it is terminal, downloads its output and error files and joins them by custom_id.
// answered ids resolve at once (`onOutcome`); ids that are missing (expired, cancelled or failed
// batches, lines the server dropped) or came back with a transient error (429, 5xx) go into the
// next round, up to `maxRounds`; a non-transient error (400 …) is final at once. every id ends
// with an outcome — a failure carries its reason — none is dropped.
//   const client = createOpenAIBatchClient({ baseURL, apiKey, sleep });
//   const { outcomes } = await client.run([{ customId: "a", body: { model, messages } }]);
import { DeepPersonaError, ERROR_CODES } from "../errors.js";
import { systemSleep, type Sleep } from "../scheduler/system-time.js";
import { createBatchHttp } from "./batch-http.js";
import { parseBatchOutput, type BatchLineResult } from "./batch-output-line.js";
import { BATCH_FILE_LIMITS, splitBatchFiles, type BatchFile, type BatchFileLimits } from "./split-batch-files.js";

export const BATCH_ENDPOINT = "/v1/chat/completions";

export interface BatchRequestLine {
  customId: string;
  /** the request body, exactly as the synchronous endpoint would get it */
  body: Record<string, unknown>;
}

type Settled =
  | { customId: string; ok: true; status: number; body: Record<string, unknown>; round: number }
  | { customId: string; ok: false; status?: number; code?: string; reason: string; round: number };
/** `earlier`: why each earlier round did not answer the id (missing from an expired batch, a 500 …) */
export type BatchOutcome = Settled & { earlier: string[] };

export type BatchClientEvent =
  | { type: "batch-created"; batch: string; round: number; requests: number; bytes: number }
  | { type: "batch-status"; batch: string; status: string }
  | {
      type: "batch-done";
      batch: string;
      round: number;
      status: string;
      answered: number;
      errored: number;
      missing: number;
      rejected: number;
    }
  | { type: "batch-resubmit"; round: number; ids: number };

export interface OpenAIBatchClientOptions {
  /** the API root, ".../v1" */
  baseURL: string;
  apiKey?: string;
  fetch?: typeof fetch;
  /** waits between polls and HTTP retries (tests: instant) */
  sleep?: Sleep;
  /** between two polls of a batch (default 30 s) */
  pollIntervalMs?: number;
  /** per input file (default 50,000 requests, 200 MB) */
  limits?: BatchFileLimits;
  /** batches an id may go through before it is given up with its last reason (default 3) */
  maxRounds?: number;
  /** polling time after which a batch still running is cancelled (default 25 h: past the 24 h
   *  window a server should have expired it); its partial output is used, the rest resubmitted.
   *  a server that does not end it within 10 more polls is abandoned (all its ids missing) */
  maxWaitMs?: number;
  onEvent?: (event: BatchClientEvent) => void;
}

export interface BatchRunOptions {
  signal?: AbortSignal;
  /** told as soon as an id's outcome is final (before the other batches finish) */
  onOutcome?: (outcome: BatchOutcome) => void;
}

export interface BatchRunResult {
  /** one per request line, in line order */
  outcomes: BatchOutcome[];
  rounds: number;
  batches: string[];
}

export interface OpenAIBatchClient {
  run(lines: readonly BatchRequestLine[], options?: BatchRunOptions): Promise<BatchRunResult>;
}

const TERMINAL = new Set(["completed", "expired", "cancelled", "failed"]);

interface BatchObject {
  id: string;
  status: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  errors?: { data?: { code?: unknown; message?: unknown }[] } | null;
}

function batchObject(json: unknown): BatchObject {
  const o = json as Partial<BatchObject> | null;
  if (!o || typeof o.id !== "string" || typeof o.status !== "string")
    throw new DeepPersonaError(ERROR_CODES.modelCall, "batch API answered without a batch id and status");
  return o as BatchObject;
}

/** the status and code of a failure, each only when known */
function statusCodeOf(r: { status?: number | undefined; code?: string | undefined }): { status?: number; code?: string } {
  return { ...(r.status === undefined ? {} : { status: r.status }), ...(r.code === undefined ? {} : { code: r.code }) };
}

export function createOpenAIBatchClient(options: OpenAIBatchClientOptions): OpenAIBatchClient {
  const sleep = options.sleep ?? systemSleep;
  const pollMs = options.pollIntervalMs ?? 30_000;
  const maxRounds = options.maxRounds ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 25 * 60 * 60 * 1000;
  const limits = options.limits ?? BATCH_FILE_LIMITS;
  const emit = (e: BatchClientEvent) => options.onEvent?.(e);

  return {
    async run(lines, runOptions = {}) {
      const signal = runOptions.signal;
      const httpOptions = {
        baseURL: options.baseURL,
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        sleep,
      };
      const http = createBatchHttp({ ...httpOptions, ...(signal ? { signal } : {}) });
      // cancelling must still be sent once the run's signal has aborted
      const cancelHttp = createBatchHttp({ ...httpOptions, retries: 1 });
      const cancelBatch = (id: string) => cancelHttp("POST", `/batches/${encodeURIComponent(id)}/cancel`).catch(() => undefined);
      const byId = new Map(lines.map((l) => [l.customId, l]));
      if (byId.size !== lines.length) throw new RangeError("batch request lines need distinct custom_ids");
      const final = new Map<string, BatchOutcome>();
      const lastReason = new Map<string, { reason: string; status?: number; code?: string }>();
      const batches: string[] = [];
      const history = new Map<string, string[]>();
      const settle = (partial: Settled) => {
        if (final.has(partial.customId)) return;
        const o = { ...partial, earlier: history.get(partial.customId) ?? [] } as BatchOutcome;
        final.set(o.customId, o);
        runOptions.onOutcome?.(o);
      };
      const remember = (id: string, last: { reason: string; status?: number; code?: string }) => {
        lastReason.set(id, last);
        history.set(id, [...(history.get(id) ?? []), last.reason]);
      };
      const cancelled = () => new DeepPersonaError(ERROR_CODES.cancelled, "batch run cancelled");

      /** upload one file, create its batch, poll it to the end, join its files */
      const runFile = async (file: BatchFile, round: number): Promise<void> => {
        const form = new FormData();
        form.append("purpose", "batch");
        form.append("file", new Blob([file.jsonl], { type: "application/jsonl" }), `deeppersona-r${round}.jsonl`);
        const uploaded = (await (await http("POST", "/files", { form })).json()) as { id?: unknown };
        if (typeof uploaded.id !== "string")
          throw new DeepPersonaError(ERROR_CODES.modelCall, "batch API answered a file upload without a file id");
        let batch = batchObject(
          await (
            await http("POST", "/batches", { json: { input_file_id: uploaded.id, endpoint: BATCH_ENDPOINT, completion_window: "24h" } })
          ).json(),
        );
        batches.push(batch.id);
        emit({ type: "batch-created", batch: batch.id, round, requests: file.ids.length, bytes: file.bytes });
        let seen = batch.status;
        let waited = 0;
        let cancelSent = false;
        while (!TERMINAL.has(batch.status)) {
          if (signal?.aborted) {
            await cancelBatch(batch.id);
            throw cancelled();
          }
          if (waited > maxWaitMs && !cancelSent) {
            cancelSent = true;
            await cancelBatch(batch.id);
          }
          if (waited > maxWaitMs + 10 * pollMs) {
            batch = { id: batch.id, status: "abandoned" };
            break;
          }
          await sleep(pollMs, signal);
          waited += pollMs;
          if (signal?.aborted) continue;
          batch = batchObject(await (await http("GET", `/batches/${encodeURIComponent(batch.id)}`)).json());
          if (batch.status !== seen) emit({ type: "batch-status", batch: batch.id, status: (seen = batch.status) });
        }
        const sent = new Set(file.ids);
        const results = new Map<string, BatchLineResult>();
        let rejected = 0;
        for (const fileId of [batch.output_file_id, batch.error_file_id]) {
          if (typeof fileId !== "string" || !fileId) continue;
          const parsed = parseBatchOutput(await (await http("GET", `/files/${encodeURIComponent(fileId)}/content`)).text(), sent);
          // an id answered in the output file wins over a stray line for it in the error file
          for (const r of parsed.results) if (!results.has(r.customId)) results.set(r.customId, r);
          rejected += parsed.rejected;
        }
        let answered = 0;
        let errored = 0;
        for (const r of results.values()) {
          if (r.ok) {
            answered++;
            settle({ customId: r.customId, ok: true, status: r.status, body: r.body, round });
            continue;
          }
          errored++;
          const reason = `${r.status ?? r.code ?? "error"}: ${r.message}`;
          if (!r.transient) settle({ customId: r.customId, ok: false, ...statusCodeOf(r), reason, round });
          else remember(r.customId, { reason, ...statusCodeOf(r) });
        }
        const failedWhy = batch.errors?.data?.map((e) => `${String(e.code ?? "")} ${String(e.message ?? "")}`.trim()).join("; ");
        for (const id of file.ids) {
          if (!final.has(id) && !results.has(id))
            remember(id, { reason: `missing: the batch ended ${batch.status}${failedWhy ? ` (${failedWhy.slice(0, 200)})` : ""}` });
        }
        emit({
          type: "batch-done",
          batch: batch.id,
          round,
          status: batch.status,
          answered,
          errored,
          missing: file.ids.length - results.size,
          rejected,
        });
      };

      let round = 0;
      for (let pending = [...lines]; pending.length > 0 && round < maxRounds; pending = pending.filter((l) => !final.has(l.customId))) {
        round++;
        if (round > 1) emit({ type: "batch-resubmit", round, ids: pending.length });
        const files = splitBatchFiles(
          pending.map((l) => ({
            customId: l.customId,
            json: JSON.stringify({ custom_id: l.customId, method: "POST", url: BATCH_ENDPOINT, body: l.body }),
          })),
          limits,
        );
        await Promise.all(files.map((f) => runFile(f, round)));
      }
      for (const l of lines) {
        if (final.has(l.customId)) continue;
        const last = lastReason.get(l.customId);
        history.set(l.customId, (history.get(l.customId) ?? []).slice(0, -1)); // the last reason is in `reason`
        settle({
          customId: l.customId,
          ok: false,
          ...statusCodeOf(last ?? {}),
          reason: `no answer after ${round} batch round${round === 1 ? "" : "s"} (last: ${last?.reason ?? "not sent"})`,
          round,
        });
      }
      return { outcomes: lines.map((l) => final.get(l.customId) as BatchOutcome), rounds: round, batches };
    },
  };
}
