// a fake OpenAI-compatible server on 127.0.0.1 (random port) for hermetic tests.
//   const srv = await startFakeOpenAIServer();
//   new ChatOpenAI({ model: "fake-model", apiKey: "test", maxRetries: 0, configuration: { baseURL: srv.url } })
// serves POST /v1/chat/completions (plain, SSE streaming with a final usage chunk when
// include_usage, strict json_schema → schema-valid content, tool calls, logprobs),
// POST /v1/embeddings (float or base64) and GET /v1/models. behaviour switches via set():
// latency, queued failures (429 with/without Retry-After, 500, …), content faults (malformed,
// schema-violating, fenced, empty), hang, and a per-request handler hook. records every request
// and counts the peak number in flight. the Batch API (/v1/files, /v1/batches) with scripted
// lifecycles and faults is fake-openai-batches.ts (`batch.script([...])`).
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { recordRequest } from "./record-request.js";
import { createFakeBatchApi, type FakeBatchApi } from "./fake-openai-batches.js";
import {
  chatAnswer,
  completionObject,
  fakeEmbedding,
  optionChoiceAnswer,
  streamChunks,
  type ChatBody,
  type ChatAnswer,
  type ContentFault,
} from "./fake-openai-completion.js";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** ms since the epoch when the request arrived */
  time: number;
}

export interface FakeFailure {
  status: number;
  /** value of the Retry-After header (omit for a headerless reply) */
  retryAfter?: string;
  /** OpenAI error body fields (message, type, code) */
  error?: { message?: string; type?: string; code?: string };
}

/** a custom reply; return undefined from the handler to fall through to the default behaviour */
export type FakeReply = { status?: number; headers?: Record<string, string>; json?: unknown; text?: string } | "hang";
export type FakeHandler = (req: RecordedRequest, index: number) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeServerMode {
  /** delay before every answer (ms) */
  latencyMs: number;
  /** consumed one per POST request, in order, before answering normally */
  failures: FakeFailure[];
  /** consumed one per json_schema chat answer, in order */
  contentFaults: ContentFault[];
  /** never answer (until close) */
  hang: boolean;
  /** runs first for every request */
  handler?: FakeHandler;
  /** embedding size when the request has no `dimensions` (default 64) */
  embeddingDims: number;
  /** false: json_schema answers ignore our description hints (an independent server; see chatAnswer) */
  hints: boolean;
  /**
   * report `prompt_tokens_details.cached_tokens` like OpenAI's prompt caching: the tokens of the
   * longest run of leading messages shared with an earlier request, when that is ≥ 1024 tokens
   * (the schema counts as part of the prefix only when it is identical too)
   */
  promptCaching: boolean;
  /** single-choice prompts with logprobs → option logprobs, digits optionally split ("10" → "1","0"); see optionChoiceAnswer */
  optionLogprobs?: { splitDigits: boolean; favour?: string };
}

export interface FakeOpenAIServer {
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** merge behaviour switches (arrays replace the current queues) */
  set(mode: Partial<FakeServerMode>): void;
  /** back to defaults (keeps recorded requests) */
  reset(): void;
  /** requests received, optionally only for one path ("/v1/chat/completions") */
  requestCount(path?: string): number;
  inFlight(): number;
  peakInFlight(): number;
  close(): Promise<void>;
  /** the Batch API: `batch.script([{ status: "expired", answered: 2 }, …])`, `batch.batches` */
  batch: FakeBatchApi;
}

const defaults = (): FakeServerMode => ({
  latencyMs: 0,
  failures: [],
  contentFaults: [],
  hang: false,
  embeddingDims: 64,
  hints: true,
  promptCaching: false,
});

/** `port` 0 (default) picks a free one; pass a closed server's port to bring it "back" */
export async function startFakeOpenAIServer(initial: Partial<FakeServerMode> = {}, port = 0): Promise<FakeOpenAIServer> {
  let mode: FakeServerMode = { ...defaults(), ...initial };
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  let ids = 0;
  const seenPrompts: ChatBody[] = [];
  // a batch line is answered like the same body sent synchronously (content faults are for the synchronous route)
  const batch = createFakeBatchApi((body) =>
    completionObject(body as ChatBody, answerFor(body as ChatBody, undefined), `chatcmpl-fake-${++ids}`),
  );

  const server = createServer((req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight -= 1;
      }
    };
    res.on("close", finish);
    recordRequest(req)
      .then(({ rec, raw }) => {
        requests.push(rec);
        return handle(rec, requests.length - 1, res, raw);
      })
      .catch((err: unknown) => send(res, 500, { error: { message: String(err), type: "fake_server_error" } }));
  });

  async function handle(rec: RecordedRequest, index: number, res: ServerResponse, raw: string): Promise<void> {
    const custom = mode.handler ? await mode.handler(rec, index) : undefined;
    if (mode.latencyMs > 0) await new Promise((r) => setTimeout(r, mode.latencyMs));
    if (custom === "hang" || mode.hang) return;
    if (custom) {
      if (custom.json !== undefined) return send(res, custom.status ?? 200, custom.json, custom.headers);
      res.writeHead(custom.status ?? 200, { "content-type": "text/plain", ...custom.headers });
      res.end(custom.text ?? "");
      return;
    }
    if (rec.method === "GET" && rec.path.endsWith("/models")) {
      return send(res, 200, { object: "list", data: [{ id: "fake-model", object: "model", created: 0, owned_by: "fake" }] });
    }
    const contentType = rec.headers["content-type"];
    const batchRoute =
      /\/(files|batches)(\/|$)/.test(rec.path) && rec.method === "GET"
        ? batch.route(rec.method, rec.path, raw, typeof contentType === "string" ? contentType : undefined)
        : undefined;
    if (batchRoute)
      return batchRoute.text === undefined
        ? send(res, batchRoute.status, batchRoute.json)
        : sendText(res, batchRoute.status, batchRoute.text);
    if (rec.method !== "POST") return send(res, 404, { error: { message: `no route ${rec.method} ${rec.path}` } });
    const failure = mode.failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter };
      const error = {
        message: `fake ${failure.status}`,
        type: failure.status === 429 ? "rate_limit_exceeded" : "server_error",
        code: null,
        ...failure.error,
      };
      return send(res, failure.status, { error }, headers);
    }
    if (rec.path.endsWith("/chat/completions")) return chat(rec.body as ChatBody, res);
    if (rec.path.endsWith("/embeddings")) return embeddings(rec.body as EmbeddingBody, res);
    const posted = batch.route(rec.method, rec.path, raw, typeof contentType === "string" ? contentType : undefined);
    if (posted) return send(res, posted.status, posted.json);
    return send(res, 404, { error: { message: `no route ${rec.path}` } });
  }

  /** the answer to a chat body under the current mode (the synchronous route and batch lines) */
  function answerFor(body: ChatBody, fault: ContentFault | undefined): ChatAnswer {
    const answer = (mode.optionLogprobs && optionChoiceAnswer(body, mode.optionLogprobs)) || chatAnswer(body, fault, { hints: mode.hints });
    if (mode.promptCaching) {
      const cached = cachedPrefixTokens(body, seenPrompts);
      if (cached > 0)
        answer.usage = { ...answer.usage, prompt_tokens_details: { cached_tokens: Math.min(cached, answer.usage.prompt_tokens) } };
    }
    seenPrompts.push(body);
    return answer;
  }

  function chat(body: ChatBody, res: ServerResponse): void {
    const fault = body.response_format?.type === "json_schema" ? mode.contentFaults.shift() : undefined;
    const answer = answerFor(body, fault);
    const id = `chatcmpl-fake-${++ids}`;
    if (!body.stream) return send(res, 200, completionObject(body, answer, id));
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    for (const chunk of streamChunks(body, answer, id)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    res.end("data: [DONE]\n\n");
  }

  type EmbeddingBody = { input?: string | string[]; model?: string; dimensions?: number; encoding_format?: string };
  function embeddings(body: EmbeddingBody, res: ServerResponse): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ""];
    const dims = body.dimensions ?? mode.embeddingDims;
    const data = inputs.map((input, index) => {
      const v = fakeEmbedding(String(input), dims);
      const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v;
      return { object: "embedding", index, embedding };
    });
    const tokens = inputs.reduce((a, s) => a + Math.ceil(String(s).length / 4), 0);
    send(res, 200, { object: "list", data, model: body.model ?? "fake-embedding", usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${bound}/v1`,
    requests,
    set(next) {
      mode = { ...mode, ...next };
      if (next.failures) mode.failures = [...next.failures];
      if (next.contentFaults) mode.contentFaults = [...next.contentFaults];
    },
    reset() {
      mode = defaults();
    },
    requestCount: (path) => (path ? requests.filter((r) => r.path === path).length : requests.length),
    inFlight: () => inFlight,
    peakInFlight: () => peak,
    batch,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** OpenAI-style prompt caching: leading messages shared with an earlier request, ≥ 1024 tokens */
function cachedPrefixTokens(body: ChatBody, seen: readonly ChatBody[]): number {
  const msgs = body.messages ?? [];
  const text = (m: { content?: unknown }) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? ""));
  let best = 0;
  for (const earlier of seen) {
    const prev = earlier.messages ?? [];
    let chars =
      JSON.stringify(earlier.response_format ?? null) === JSON.stringify(body.response_format ?? null)
        ? JSON.stringify(body.response_format ?? "").length
        : 0;
    let i = 0;
    while (i < msgs.length && i < prev.length && msgs[i]?.role === prev[i]?.role && text(msgs[i] as object) === text(prev[i] as object))
      chars += text(msgs[i++] as object).length;
    if (i === 0) continue;
    best = Math.max(best, Math.floor(chars / 4));
  }
  return best >= 1024 ? best : 0;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/octet-stream" });
  res.end(text);
}

export function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(json));
}
