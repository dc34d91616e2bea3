// response bodies of the fake OpenAI server: chat completions (text, strict json_schema content,
// tool calls, logprobs), SSE chunks and embeddings. deterministic: a pure function of the body.
import { createRng, hashString128, type Rng } from "../core/rng.js";
import { sampleFromJsonSchema, type JsonSchema } from "../core/model/sample-from-json-schema.js";
import { estimateTokens } from "../core/usage/estimate-tokens.js";

export type ContentFault = "malformed" | "violating" | "fenced" | "empty";

type Msg = { role?: string; content?: unknown; tool_calls?: unknown };
type Tool = { type?: string; function?: { name: string; parameters?: JsonSchema } };
export type ChatBody = {
  model?: string;
  messages?: Msg[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name?: string; schema?: JsonSchema } };
  tools?: Tool[];
  tool_choice?: unknown;
  logprobs?: boolean;
  top_logprobs?: number;
};

export interface ChatAnswerOptions {
  /** false: an "independent" server — json_schema output honours only the schema itself (types, enums, bounds), not our description hints (kind:, options:, unit:), as real constrained decoding does */
  hints?: boolean;
}

/** a schema without `description` fields (what a hint-blind sampler sees); free strings are plain words (no digits borrowed from property names) */
export function withoutDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  const node = schema as Record<string, unknown>;
  if (node.type === "string" && !node.enum && !node.format && node.title === undefined) out.title = "value";
  for (const [k, v] of Object.entries(schema)) {
    if (k === "description" && typeof v === "string") continue;
    out[k] =
      k === "properties" && v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withoutDescriptions(s)]))
        : withoutDescriptions(v);
  }
  return out;
}

export interface ChatAnswer {
  content: string | null;
  toolCalls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  finishReason: "stop" | "tool_calls" | "length";
  logprobs?: { content: { token: string; logprob: number; top_logprobs: { token: string; logprob: number }[] }[] };
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; prompt_tokens_details?: { cached_tokens: number } };
}

const text = (c: unknown): string =>
  typeof c === "string"
    ? c
    : Array.isArray(c)
      ? c.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("")
      : "";

export function bodyRng(body: unknown): Rng {
  return createRng(`fake:${hashString128(JSON.stringify(body)).join(".")}`);
}

/** the answer to a chat request, with an optional content fault applied to json_schema output */
export function chatAnswer(body: ChatBody, fault?: ContentFault, options: ChatAnswerOptions = {}): ChatAnswer {
  const rng = bodyRng({ m: body.messages, r: body.response_format, t: body.tools, c: body.tool_choice });
  const messages = body.messages ?? [];
  const promptChars = messages.map((m) => text(m.content) + (m.tool_calls ? JSON.stringify(m.tool_calls) : "")).join("\n");
  let answer: Omit<ChatAnswer, "usage">;
  const tools = (body.tools ?? []).filter((t) => t.function);
  const choice = body.tool_choice;
  const forced = typeof choice === "object" && choice ? (choice as { function?: { name?: string } }).function?.name : undefined;
  const wantsTool =
    tools.length > 0 && choice !== "none" && (forced !== undefined || choice === "required" || messages.at(-1)?.role !== "tool");
  if (wantsTool) {
    const tool = (forced ? tools.find((t) => t.function?.name === forced) : undefined) ?? (tools[0] as Tool);
    const args = sampleFromJsonSchema(tool.function?.parameters ?? { type: "object", properties: {} }, rng, tool.function?.name);
    answer = {
      content: null,
      toolCalls: [
        {
          id: `call_fake_${rng.int(1e9)}`,
          type: "function",
          function: { name: tool.function?.name ?? "tool", arguments: JSON.stringify(args) },
        },
      ],
      finishReason: "tool_calls",
    };
  } else if (body.response_format?.type === "json_schema") {
    const given = body.response_format.json_schema?.schema ?? { type: "object", properties: {} };
    const schema = options.hints === false ? (withoutDescriptions(given) as JsonSchema) : given;
    let json = JSON.stringify(sampleFromJsonSchema(schema, rng, body.response_format.json_schema?.name));
    if (fault === "malformed") json = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    if (fault === "violating") json = JSON.stringify({ unexpected_field: true });
    if (fault === "fenced") json = "```json\n" + json + "\n```";
    if (fault === "empty") json = "";
    answer = { content: json, finishReason: "stop" };
  } else if (body.response_format?.type === "json_object") {
    answer = { content: JSON.stringify({ answer: "fake json answer" }), finishReason: "stop" };
  } else {
    const last = text(messages.at(-1)?.content).slice(0, 40);
    answer = { content: `fake answer ${rng.int(1000)} to: ${last}`, finishReason: "stop" };
  }
  if (body.logprobs && answer.content) answer.logprobs = fakeLogprobs(answer.content, rng, body.top_logprobs ?? 0);
  const completion = estimateTokens(answer.content ?? JSON.stringify(answer.toolCalls));
  const prompt = estimateTokens(promptChars) + (body.response_format ? estimateTokens(JSON.stringify(body.response_format)) : 0);
  return { ...answer, usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}

function fakeLogprobs(content: string, rng: Rng, k: number): NonNullable<ChatAnswer["logprobs"]> {
  const tokens = content.match(/\s*\S+/g) ?? [content];
  return {
    content: tokens.map((token) => {
      const logprob = -Math.round(rng.next() * 200) / 100;
      const alts = Array.from({ length: Math.max(0, Math.min(20, k) - 1) }, (_, i) => ({ token: ` alt${i}`, logprob: logprob - 1 - i }));
      return { token, logprob, top_logprobs: k > 0 ? [{ token, logprob }, ...alts] : [] };
    }),
  };
}

/** a non-streaming chat.completion object */
export function completionObject(body: ChatBody, answer: ChatAnswer, id: string): Record<string, unknown> {
  return {
    id,
    object: "chat.completion",
    created: 0,
    model: body.model ?? "fake-model",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: answer.content,
          refusal: null,
          ...(answer.toolCalls ? { tool_calls: answer.toolCalls } : {}),
        },
        logprobs: answer.logprobs ?? null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  };
}

/** the SSE chunk objects of a streamed answer (a final usage chunk when include_usage) */
export function streamChunks(body: ChatBody, answer: ChatAnswer, id: string): Record<string, unknown>[] {
  const base = { id, object: "chat.completion.chunk", created: 0, model: body.model ?? "fake-model" };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, logprobs: unknown = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs, finish_reason: finish }],
  });
  const out = [chunk({ role: "assistant", content: "" })];
  if (answer.toolCalls) {
    answer.toolCalls.forEach((tc, index) =>
      out.push(
        chunk({
          tool_calls: [{ index, id: tc.id, type: "function", function: { name: tc.function.name, arguments: tc.function.arguments } }],
        }),
      ),
    );
  } else {
    const c = answer.content ?? "";
    const parts = [
      c.slice(0, Math.ceil(c.length / 3)),
      c.slice(Math.ceil(c.length / 3), Math.ceil((2 * c.length) / 3)),
      c.slice(Math.ceil((2 * c.length) / 3)),
    ];
    parts
      .filter((p) => p.length > 0)
      .forEach((p, i) => out.push(chunk({ content: p }, null, i === 0 && answer.logprobs ? answer.logprobs : null)));
  }
  out.push(chunk({}, answer.finishReason));
  if (body.stream_options?.include_usage) out.push({ ...base, choices: [], usage: answer.usage } as never);
  return out;
}

/** deterministic unit vectors for /v1/embeddings */
export function fakeEmbedding(input: string, dims: number): number[] {
  const rng = createRng(`fake-embedding:${input}`);
  const v = Array.from({ length: dims }, () => rng.normal());
  const n = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
  return v.map((x) => x / n);
}

/**
 * a tokenizer-aware single-choice answer (fake mode `optionLogprobs`): for a prompt whose last
 * message ends in `options: A | B | …` (and lists `key = text` lines), the option whose key or
 * text starts with `favour` gets 8× the weight of the others; the reply is the most likely
 * option's key. with `splitDigits` the keys are tokenized the way Llama/Gemma/Mistral/Qwen do
 * ("10" → "1","0"): the first token's top_logprobs then carry the mass of every key by its FIRST
 * token, so "1" holds P(1) + P(10).
 */
export function optionChoiceAnswer(body: ChatBody, opts: { splitDigits: boolean; favour?: string }): ChatAnswer | undefined {
  const last = text(body.messages?.at(-1)?.content);
  const line = [...last.matchAll(/^[ \t]*options:[ \t]*(.+)$/gim)].at(-1)?.[1];
  if (!body.logprobs || !line) return undefined;
  const keys = line
    .split("|")
    .map((k) => k.trim())
    .filter(Boolean);
  const textOf = new Map([...last.matchAll(/^(\S+) = (.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
  const favoured = (k: string) =>
    opts.favour !== undefined && (k === opts.favour || new RegExp(`^${opts.favour}\\b`).test(textOf.get(k) ?? ""));
  const weights = keys.map((k) => (favoured(k) ? 8 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const probs = weights.map((w) => w / total);
  const chosen = keys[probs.indexOf(Math.max(...probs))] as string;
  const tokenize = (k: string) => (opts.splitDigits ? (k.match(/\d|\D+/g) ?? [k]) : [k]);
  const firstMass = new Map<string, number>();
  keys.forEach((k, i) => {
    const first = tokenize(k)[0] as string;
    firstMass.set(first, (firstMass.get(first) ?? 0) + (probs[i] as number));
  });
  const k = Math.max(0, Math.min(20, body.top_logprobs ?? 0));
  const top = [...firstMass]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([token, p]) => ({ token, logprob: Math.log(p) }));
  const tokens = tokenize(chosen);
  const content = tokens.map((t, i) => ({
    token: t,
    logprob: i === 0 ? Math.log(firstMass.get(t) ?? 1) : 0,
    top_logprobs: i === 0 ? top : [{ token: t, logprob: 0 }],
  }));
  const prompt = estimateTokens(last);
  return {
    content: chosen,
    finishReason: "stop",
    logprobs: { content },
    usage: { prompt_tokens: prompt, completion_tokens: tokens.length, total_tokens: prompt + tokens.length },
  };
}
