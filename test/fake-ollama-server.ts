// a fake native Ollama API on 127.0.0.1 for hermetic tests:
//   const srv = await startFakeOllamaServer();  // resolveChatModel(`ollama:llama-x@${srv.url}`)
// POST /api/chat: streaming NDJSON (the default, and what ChatOllama sends) or one JSON object
// with `stream: false`; `format` = a JSON schema → schema-valid JSON content (content faults
// apply), "json" → a JSON object; the final object (done: true) carries prompt_eval_count and
// eval_count. injected failures get Ollama's error body ({error}). GET /api/tags, GET / answer 200.
import type { ServerResponse } from "node:http";
import type { JsonSchema } from "../core/model/sample-from-json-schema.js";
import type { ContentFault } from "./fake-openai-completion.js";
import type { FakeFailure, RecordedRequest } from "./fake-openai-server.js";
import {
  contentText,
  estimateTokens,
  fakeStructuredValue,
  fakeText,
  faultedJson,
  sendJson,
  startProviderFakeServer,
  type ProviderFakeMode,
  type ProviderFakeServer,
} from "./fake-provider-server.js";

type ChatBody = { model?: string; messages?: { role: string; content: unknown }[]; format?: JsonSchema | "json"; stream?: boolean };

const CREATED_AT = "2026-01-01T00:00:00Z";

export function ollamaAnswer(
  body: ChatBody,
  fault: () => ContentFault | undefined,
): { content: string; prompt_eval_count: number; eval_count: number } {
  const messages = body.messages ?? [];
  const seed = { m: messages, f: body.format };
  let content: string;
  if (body.format === "json") content = JSON.stringify({ answer: "fake json answer" });
  else if (body.format && typeof body.format === "object") content = faultedJson(fakeStructuredValue(seed, body.format), fault());
  else content = fakeText(seed, contentText(messages.at(-1)?.content));
  const prompt = messages.map((m) => contentText(m.content)).join("\n") + (body.format ? JSON.stringify(body.format) : "");
  return { content, prompt_eval_count: estimateTokens(prompt), eval_count: Math.max(1, estimateTokens(content)) };
}

function route(rec: RecordedRequest, res: ServerResponse, takeFault: () => ContentFault | undefined): void {
  if (rec.method === "GET" && rec.path === "/api/tags")
    return sendJson(res, 200, { models: [{ name: "llama-x:latest", model: "llama-x:latest" }] });
  if (rec.method === "GET" && rec.path === "/") {
    res.writeHead(200, { "content-type": "text/plain" });
    return void res.end("Ollama is running");
  }
  if (rec.method !== "POST" || rec.path !== "/api/chat") return sendJson(res, 404, { error: `no route ${rec.method} ${rec.path}` });
  const body = rec.body as ChatBody;
  const a = ollamaAnswer(body, takeFault);
  const model = body.model ?? "llama-x";
  const final = {
    model,
    created_at: CREATED_AT,
    done: true,
    done_reason: "stop",
    total_duration: 1000,
    load_duration: 0,
    prompt_eval_count: a.prompt_eval_count,
    prompt_eval_duration: 100,
    eval_count: a.eval_count,
    eval_duration: 900,
  };
  if (body.stream === false) return sendJson(res, 200, { ...final, message: { role: "assistant", content: a.content } });
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  const third = Math.ceil(a.content.length / 3);
  for (const piece of [a.content.slice(0, third), a.content.slice(third, 2 * third), a.content.slice(2 * third)]) {
    if (piece)
      res.write(JSON.stringify({ model, created_at: CREATED_AT, message: { role: "assistant", content: piece }, done: false }) + "\n");
  }
  res.end(JSON.stringify({ ...final, message: { role: "assistant", content: "" } }) + "\n");
}

function errorBody(failure: FakeFailure): unknown {
  return { error: failure.error?.message ?? `fake ${failure.status}` };
}

export function startFakeOllamaServer(initial: Partial<ProviderFakeMode> = {}): Promise<ProviderFakeServer> {
  return startProviderFakeServer({ route, errorBody }, initial);
}
