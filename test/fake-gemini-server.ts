// a fake Gemini API (generateContent) on 127.0.0.1 for hermetic tests:
//   const srv = await startFakeGeminiServer();  // resolveChatModel(`google:gemini-x@${srv.url}`)
// POST /v1beta/models/{model}:generateContent (and :streamGenerateContent?alt=sse): text answers;
// with generationConfig.responseSchema, JSON text valid for it (content faults apply); with a
// forced function (toolConfig mode ANY), a functionCall part; usageMetadata {promptTokenCount,
// candidatesTokenCount, totalTokenCount}. injected failures get Google's error body
// ({error: {code, message, status, details}}; a 429 with retryAfter carries RetryInfo.retryDelay).
// requests the real API rejects (no contents, a role other than user/model, JSON-schema keywords
// outside Gemini's subset in responseSchema) get 400.
// any GET answers 200 (reachability checks).
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

type Part = { text?: string; functionCall?: { name: string; args: unknown } };
type GenerateBody = {
  contents?: { role: string; parts: Part[] }[];
  systemInstruction?: { parts?: Part[] };
  generationConfig?: { responseMimeType?: string; responseSchema?: JsonSchema };
  tools?: { functionDeclarations?: { name: string; parameters?: JsonSchema }[] }[];
  toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
};

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export function geminiAnswer(
  body: GenerateBody,
  fault: () => ContentFault | undefined,
): { parts: Part[]; usage: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number } } {
  const contents = body.contents ?? [];
  const seed = { c: contents, s: body.systemInstruction, g: body.generationConfig, t: body.tools, tc: body.toolConfig };
  const partsText = (parts: Part[] | undefined) => contentText(parts ?? []);
  const prompt =
    partsText(body.systemInstruction?.parts) +
    contents.map((c) => partsText(c.parts)).join("\n") +
    (body.generationConfig?.responseSchema ? JSON.stringify(body.generationConfig.responseSchema) : "");
  const fnConfig = body.toolConfig?.functionCallingConfig;
  const fns = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const forced = fnConfig?.mode === "ANY" ? (fns.find((f) => fnConfig.allowedFunctionNames?.includes(f.name)) ?? fns[0]) : undefined;
  let parts: Part[];
  if (forced) {
    parts = [
      {
        functionCall: {
          name: forced.name,
          args: fakeStructuredValue(seed, forced.parameters ?? { type: "object", properties: {} }, forced.name),
        },
      },
    ];
  } else if (body.generationConfig?.responseSchema) {
    parts = [{ text: faultedJson(fakeStructuredValue(seed, body.generationConfig.responseSchema), fault()) }];
  } else {
    parts = [{ text: fakeText(seed, partsText(contents.at(-1)?.parts)) }];
  }
  const out = Math.max(1, estimateTokens(parts.map((p) => p.text ?? JSON.stringify(p.functionCall)).join("")));
  const inp = estimateTokens(prompt);
  return { parts, usage: { promptTokenCount: inp, candidatesTokenCount: out, totalTokenCount: inp + out } };
}

function route(rec: RecordedRequest, res: ServerResponse, takeFault: () => ContentFault | undefined): void {
  if (rec.method === "GET") return sendJson(res, 200, { models: [{ name: "models/gemini-x", displayName: "Gemini X (fake)" }] });
  const m = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(rec.path);
  if (rec.method !== "POST" || !m)
    return sendJson(res, 404, { error: { code: 404, message: `no route ${rec.method} ${rec.path}`, status: "NOT_FOUND" } });
  const body = rec.body as GenerateBody;
  const contents = body.contents ?? [];
  const invalid =
    contents.length === 0
      ? "contents is not specified"
      : contents.some((c) => (c.role !== "user" && c.role !== "model") || !c.parts?.length)
        ? "contents: each needs role user|model and at least one part"
        : JSON.stringify(body.generationConfig?.responseSchema ?? {}).match(/additionalProperties|\$ref|\$defs|"const"/)
          ? "generationConfig.responseSchema: unsupported keyword"
          : undefined;
  if (invalid) return sendJson(res, 400, { error: { code: 400, message: invalid, status: "INVALID_ARGUMENT" } });
  const a = geminiAnswer(body, takeFault);
  const response = {
    candidates: [{ content: { role: "model", parts: a.parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: a.usage,
    modelVersion: m[1],
  };
  if (m[2] === "generateContent") return sendJson(res, 200, response);
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.end(`data: ${JSON.stringify(response)}\r\n\r\n`);
}

function errorBody(failure: FakeFailure): unknown {
  const details =
    failure.status === 429 && failure.retryAfter !== undefined
      ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${failure.retryAfter}s` }]
      : undefined;
  return {
    error: {
      code: failure.status,
      message: failure.error?.message ?? `fake ${failure.status}`,
      status: STATUS[failure.status] ?? "UNKNOWN",
      ...(details ? { details } : {}),
    },
  };
}

export function startFakeGeminiServer(initial: Partial<ProviderFakeMode> = {}): Promise<ProviderFakeServer> {
  return startProviderFakeServer({ route, errorBody }, initial);
}
