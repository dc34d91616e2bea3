// runs the chat-model contract suite (chat-model-contract.ts) against every implementation: the
// offline model, ChatOpenAI and AzureChatOpenAI → the fake OpenAI server, ChatAnthropic → the fake
// Messages API, ChatGoogleGenerativeAI → the fake generateContent API, ChatOllama → the fake
// /api/chat. all resolved from spec strings through resolveChatModel (langchain initChatModel).
import { resolveChatModel } from "../core/model/resolve-chat-model.js";
import { resolveEmbeddings } from "../core/model/resolve-embeddings.js";
import { chatModelContract, type ContractServer } from "./chat-model-contract.js";
import { anthropicAnswer, startFakeAnthropicServer } from "./fake-anthropic-server.js";
import { geminiAnswer, startFakeGeminiServer } from "./fake-gemini-server.js";
import { chatAnswer, type ChatBody } from "./fake-openai-completion.js";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { ollamaAnswer, startFakeOllamaServer } from "./fake-ollama-server.js";
import type { ProviderFakeServer } from "./fake-provider-server.js";
import { suiteServer } from "./suite-server.js";

const openai = suiteServer(() => startFakeOpenAIServer());
const anthropic = suiteServer(startFakeAnthropicServer);
const gemini = suiteServer(startFakeGeminiServer);
const ollama = suiteServer(startFakeOllamaServer);

type Body = Record<string, unknown>;
const none = () => undefined;

function controls(
  srv: FakeOpenAIServer | ProviderFakeServer,
  chatPath: RegExp,
  nativeStructured: (body: Body) => boolean,
  usage: (body: Body) => { input: number; output: number },
): ContractServer {
  const chats = () => srv.requests.filter((r) => r.method === "POST" && chatPath.test(r.path));
  const last = () => chats().at(-1)?.body as Body;
  return {
    fail: (failures) => srv.set({ failures }),
    fault: (contentFaults) => srv.set({ contentFaults }),
    chatRequests: () => chats().length,
    lastBody: last,
    nativeStructured: (body) => nativeStructured(body as Body),
    lastUsage: () => usage(last()),
  };
}
/** a remote implementation: the chat model of `spec` (5 s request timeout) and its server's controls */
const remote = async (spec: string, server: ContractServer, options: { apiKey?: string } = {}) => ({
  model: await resolveChatModel(spec, { timeoutMs: 5000, ...options }),
  spec,
  server,
});

const openaiWire = (b: Body) => (b.response_format as { type?: string } | undefined)?.type === "json_schema";
const openaiUsage = (b: Body) => {
  const u = chatAnswer(b as ChatBody).usage;
  return { input: u.prompt_tokens, output: u.completion_tokens };
};

chatModelContract("OfflineChatModel", async () => ({
  model: await resolveChatModel("offline", { seed: 42 }),
  spec: "offline",
  embeddings: { embeddings: await resolveEmbeddings("offline"), dims: 512 },
}));

chatModelContract("openai: ChatOpenAI → fake OpenAI server", async () => {
  const spec = `openai:fake-model@${openai.url}`;
  return {
    model: await resolveChatModel(spec, { timeoutMs: 5000 }),
    spec,
    embeddings: { embeddings: await resolveEmbeddings(`openai:text-embedding-3-small@${openai.url}`, { dimensions: 64 }), dims: 64 },
    server: controls(openai, /\/chat\/completions$/, openaiWire, openaiUsage),
  };
});

chatModelContract("azure: AzureChatOpenAI → fake OpenAI server", () =>
  remote(
    `azure:my-deployment@${openai.url.replace(/\/v1$/, "")}`,
    controls(
      openai,
      /^\/openai\/deployments\/my-deployment\/chat\/completions$/,
      (b) => openaiWire(b) && openai.requests.at(-1)?.headers["api-key"] === "azure-test-key",
      openaiUsage,
    ),
    { apiKey: "azure-test-key" },
  ),
);

chatModelContract("anthropic: ChatAnthropic → fake Messages API", () =>
  remote(
    `anthropic:claude-x@${anthropic.url}`,
    controls(
      anthropic,
      /^\/v1\/messages$/,
      (b) => (b.tool_choice as { type?: string } | undefined)?.type === "tool" && Array.isArray(b.tools) && b.response_format === undefined,
      (b) => {
        const u = anthropicAnswer(b, none).usage;
        return { input: u.input_tokens, output: u.output_tokens };
      },
    ),
  ),
);

chatModelContract("google: ChatGoogleGenerativeAI → fake generateContent API", () =>
  remote(
    `google:gemini-x@${gemini.url}`,
    controls(
      gemini,
      /^\/v1beta\/models\/gemini-x:generateContent$/,
      (b) => {
        const g = b.generationConfig as { responseMimeType?: string; responseSchema?: Body } | undefined;
        return (
          g?.responseMimeType === "application/json" &&
          g.responseSchema?.type === "object" &&
          !JSON.stringify(g.responseSchema).includes("additionalProperties")
        );
      },
      (b) => {
        const u = geminiAnswer(b, none).usage;
        return { input: u.promptTokenCount, output: u.candidatesTokenCount };
      },
    ),
  ),
);

chatModelContract("ollama: ChatOllama → fake /api/chat", () =>
  remote(
    `ollama:llama-x@${ollama.url}`,
    controls(
      ollama,
      /^\/api\/chat$/,
      (b) => typeof b.format === "object" && (b.format as Body).type === "object",
      (b) => {
        const u = ollamaAnswer(b, none);
        return { input: u.prompt_eval_count, output: u.eval_count };
      },
    ),
  ),
);
