// a fake Anthropic Messages API on 127.0.0.1 for hermetic tests:
//   const srv = await startFakeAnthropicServer();  // resolveChatModel(`anthropic:claude-x@${srv.url}`)
// POST /v1/messages: text answers, or — when a tool is forced (tool_choice {type:"tool"|"any"}) —
// one tool_use block whose input is a schema-valid value of the tool's input_schema; usage
// {input_tokens, output_tokens}; SSE streaming (message_start … message_stop) when `stream`.
// content faults replace the tool_use with a text block (malformed / fenced / empty JSON) or give
// a schema-violating input. requests the real API rejects (no messages, a system role in messages,
// no max_tokens, an unknown forced tool) get 400. injected failures get Anthropic's error body ({type:"error", error});
// 529 is "overloaded_error". any GET answers 200 (reachability checks).
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

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };
type MessagesBody = {
  model?: string;
  system?: unknown;
  messages?: { role: string; content: unknown }[];
  tools?: { name: string; input_schema?: JsonSchema }[];
  tool_choice?: { type: string; name?: string };
  stream?: boolean;
};

const ERROR_TYPE: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export function anthropicAnswer(
  body: MessagesBody,
  fault: () => ContentFault | undefined,
): { content: Block[]; stop: string; usage: { input_tokens: number; output_tokens: number } } {
  const messages = body.messages ?? [];
  const seed = { s: body.system, m: messages, t: body.tools, c: body.tool_choice };
  const prompt =
    contentText(body.system) + messages.map((m) => contentText(m.content)).join("\n") + (body.tools ? JSON.stringify(body.tools) : "");
  const choice = body.tool_choice;
  const tool =
    choice?.type === "tool" ? body.tools?.find((t) => t.name === choice.name) : choice?.type === "any" ? body.tools?.[0] : undefined;
  let content: Block[];
  let stop = "end_turn";
  if (tool) {
    const value = fakeStructuredValue(seed, tool.input_schema ?? { type: "object", properties: {} }, tool.name);
    const f = fault();
    if (f === "violating")
      content = [{ type: "tool_use", id: `toolu_fake_${estimateTokens(prompt)}`, name: tool.name, input: { unexpected_field: true } }];
    else if (f) content = [{ type: "text", text: faultedJson(value, f) }];
    else content = [{ type: "tool_use", id: `toolu_fake_${estimateTokens(prompt)}`, name: tool.name, input: value }];
    if (content[0]?.type === "tool_use") stop = "tool_use";
  } else {
    content = [{ type: "text", text: fakeText(seed, contentText(messages.at(-1)?.content)) }];
  }
  const output = content.map((b) => (b.type === "text" ? b.text : JSON.stringify(b.input))).join("");
  return { content, stop, usage: { input_tokens: estimateTokens(prompt), output_tokens: Math.max(1, estimateTokens(output)) } };
}

function route(rec: RecordedRequest, res: ServerResponse, takeFault: () => ContentFault | undefined): void {
  if (rec.method === "GET")
    return sendJson(res, 200, { data: [{ type: "model", id: "claude-x", display_name: "Claude X (fake)" }], has_more: false });
  if (rec.method !== "POST" || !rec.path.endsWith("/v1/messages")) {
    return sendJson(res, 404, { type: "error", error: { type: "not_found_error", message: `no route ${rec.method} ${rec.path}` } });
  }
  const body = rec.body as MessagesBody;
  const invalid = invalidRequest(body);
  if (invalid) return sendJson(res, 400, { type: "error", error: { type: "invalid_request_error", message: invalid } });
  const a = anthropicAnswer(body, takeFault);
  const message = {
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: body.model ?? "claude-x",
    content: a.content,
    stop_reason: a.stop,
    stop_sequence: null,
    usage: a.usage,
  };
  if (!body.stream) return sendJson(res, 200, message);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (type: string, data: Record<string, unknown>) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event("message_start", {
    message: { ...message, content: [], stop_reason: null, usage: { input_tokens: a.usage.input_tokens, output_tokens: 1 } },
  });
  a.content.forEach((b, index) => {
    if (b.type === "text") {
      event("content_block_start", { index, content_block: { type: "text", text: "" } });
      event("content_block_delta", { index, delta: { type: "text_delta", text: b.text } });
    } else {
      event("content_block_start", { index, content_block: { type: "tool_use", id: b.id, name: b.name, input: {} } });
      event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(b.input) } });
    }
    event("content_block_stop", { index });
  });
  event("message_delta", { delta: { stop_reason: a.stop, stop_sequence: null }, usage: { output_tokens: a.usage.output_tokens } });
  event("message_stop", {});
  res.end();
}

/** the request rules the real API enforces that a client bug could break */
function invalidRequest(body: MessagesBody & { max_tokens?: unknown }): string | undefined {
  const messages = body.messages ?? [];
  if (messages.length === 0) return "messages: at least one message is required";
  if (messages.some((m) => m.role !== "user" && m.role !== "assistant"))
    return "messages: roles must be user or assistant (system goes in `system`)";
  if (messages[0]?.role !== "user") return "messages: the first message must use the user role";
  if (typeof body.max_tokens !== "number" || body.max_tokens < 1) return "max_tokens: required positive integer";
  if (body.tool_choice?.type === "tool" && !body.tools?.some((t) => t.name === body.tool_choice?.name)) return "tool_choice: unknown tool";
  if (
    body.tools?.some((t) => !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name) || (t.input_schema as { type?: unknown } | undefined)?.type !== "object")
  )
    return "tools: bad name or input_schema";
  return undefined;
}

function errorBody(failure: FakeFailure): unknown {
  return {
    type: "error",
    error: { type: ERROR_TYPE[failure.status] ?? "api_error", message: failure.error?.message ?? `fake ${failure.status}` },
  };
}

export function startFakeAnthropicServer(initial: Partial<ProviderFakeMode> = {}): Promise<ProviderFakeServer> {
  return startProviderFakeServer({ route, errorBody }, initial);
}
