// the shared HTTP harness of the per-protocol fake servers (fake-anthropic-server.ts,
// fake-gemini-server.ts, fake-ollama-server.ts) on 127.0.0.1 (random port): records every request,
// answers injected failures (status, Retry-After, a provider-shaped error body) in order, hands
// queued content faults to the protocol's structured answers, and runs a per-request handler
// hook first. also the deterministic answer pieces they share (text, schema-valid JSON, faults).
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sampleFromJsonSchema, type JsonSchema } from "../core/model/sample-from-json-schema.js";
import { estimateTokens } from "../core/usage/estimate-tokens.js";
import { bodyRng, type ContentFault } from "./fake-openai-completion.js";
import { recordRequest } from "./record-request.js";
import { send, type FakeFailure, type FakeHandler, type RecordedRequest } from "./fake-openai-server.js";

export interface ProviderFakeMode {
  latencyMs: number;
  /** consumed one per POST request, in order, before answering normally */
  failures: FakeFailure[];
  /** consumed one per structured answer, in order */
  contentFaults: ContentFault[];
  handler?: FakeHandler;
}

export interface ProviderFakeServer {
  /** http://127.0.0.1:PORT (no path: each protocol's client appends its own) */
  url: string;
  requests: RecordedRequest[];
  set(mode: Partial<ProviderFakeMode>): void;
  reset(): void;
  /** requests received, optionally only those whose path matches */
  requestCount(path?: string | RegExp): number;
  close(): Promise<void>;
}

export interface ProviderProtocol {
  /** the error body for an injected failure */
  errorBody(failure: FakeFailure): unknown;
  /** answer a request that is not an injected failure */
  route(rec: RecordedRequest, res: ServerResponse, takeFault: () => ContentFault | undefined): void;
}

const defaults = (): ProviderFakeMode => ({ latencyMs: 0, failures: [], contentFaults: [] });

export async function startProviderFakeServer(
  protocol: ProviderProtocol,
  initial: Partial<ProviderFakeMode> = {},
): Promise<ProviderFakeServer> {
  let mode: ProviderFakeMode = { ...defaults(), ...initial };
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    recordRequest(req)
      .then(async ({ rec }) => {
        requests.push(rec);
        const custom = mode.handler ? await mode.handler(rec, requests.length - 1) : undefined;
        if (mode.latencyMs > 0) await new Promise((r) => setTimeout(r, mode.latencyMs));
        if (custom === "hang") return;
        if (custom) {
          if (custom.json !== undefined) return send(res, custom.status ?? 200, custom.json, custom.headers);
          res.writeHead(custom.status ?? 200, { "content-type": "text/plain", ...custom.headers });
          return void res.end(custom.text ?? "");
        }
        const failure = rec.method === "POST" ? mode.failures.shift() : undefined;
        if (failure) {
          const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter };
          return send(res, failure.status, protocol.errorBody(failure), headers);
        }
        protocol.route(rec, res, () => mode.contentFaults.shift());
      })
      .catch((err: unknown) => send(res, 500, { error: { message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(next) {
      mode = { ...mode, ...next };
      if (next.failures) mode.failures = [...next.failures];
      if (next.contentFaults) mode.contentFaults = [...next.contentFaults];
    },
    reset() {
      mode = defaults();
    },
    requestCount: (path) =>
      path === undefined
        ? requests.length
        : requests.filter((r) => (typeof path === "string" ? r.path === path : path.test(r.path))).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { send as sendJson };

/** text of a content value: a string, or the text parts of a block list ({text} / {type:"text", text}) */
export function contentText(c: unknown): string {
  if (typeof c === "string") return c;
  if (!Array.isArray(c)) return "";
  return c
    .map((p) =>
      p && typeof p === "object" && "text" in p
        ? String((p as { text: unknown }).text)
        : p && typeof p === "object" && "input" in p
          ? JSON.stringify((p as { input: unknown }).input)
          : "",
    )
    .join("");
}

/** a deterministic free-text answer (a pure function of the request) */
export function fakeText(seed: unknown, lastUserText: string): string {
  return `fake answer ${bodyRng(seed).int(1000)} to: ${lastUserText.slice(0, 40)}`;
}

/** a schema-valid value for the request (deterministic) */
export function fakeStructuredValue(seed: unknown, schema: JsonSchema, name?: string): unknown {
  return sampleFromJsonSchema(schema, bodyRng(seed), name);
}

/** the JSON text of a structured answer, with a content fault applied */
export function faultedJson(value: unknown, fault: ContentFault | undefined): string {
  const json = JSON.stringify(value);
  if (fault === "malformed") return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  if (fault === "violating") return JSON.stringify({ unexpected_field: true });
  if (fault === "fenced") return "```json\n" + json + "\n```";
  if (fault === "empty") return "";
  return json;
}

export { estimateTokens };
