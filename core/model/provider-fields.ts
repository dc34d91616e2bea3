// one remote spec + explicit options → the `initChatModel` provider id and constructor fields of
// the official LangChain integration (ChatOpenAI, ChatAnthropic, ChatGoogleGenerativeAI,
// ChatOllama, AzureChatOpenAI). every field the integrations would otherwise read from the
// environment (keys, base URLs, Azure endpoint/version) is set explicitly: only the cli reads env vars.
import { UsageError } from "../errors.js";
import { hashString32 } from "../rng.js";
import { DEFAULT_BASE_URLS, providerBaseURL, type RemoteModelSpec, type RemoteProvider } from "./model-spec.js";
import type { ResolveChatModelOptions } from "./resolve-chat-model.js";

/** the conventional env var holding each provider's key (ollama needs none) */
export const API_KEY_ENV: Record<RemoteProvider, string | undefined> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  google: "GOOGLE_API_KEY",
  ollama: undefined,
  azure: "AZURE_OPENAI_API_KEY",
};

/** Azure OpenAI REST version used when neither the option nor AZURE_OPENAI_API_VERSION sets one (GA, has structured outputs) */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

/** initChatModel's provider ids */
export const LANGCHAIN_PROVIDER: Record<RemoteProvider, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google-genai",
  ollama: "ollama",
  azure: "azure_openai",
};

/** the options of resolveChatModel (seed, apiKey, baseURL, apiVersion, timeoutMs, maxRetries, temperature, topP, maxTokens, logprobs, topLogprobs, extraBody) */
export type ProviderFieldOptions = ResolveChatModelOptions;

export function missingKeyMessage(envVar: string): string {
  return `${envVar} is not set; export it or use --model offline`;
}

/**
 * the key to send: the given one; a dummy for a custom endpoint of a provider with a public default
 * (a local proxy or fake server needs none); otherwise UsageError naming the env var (exit 2)
 */
export function providerApiKey(spec: RemoteModelSpec, baseURL: string | undefined, apiKey: string | undefined): string {
  if (apiKey) return apiKey;
  const envVar = API_KEY_ENV[spec.provider];
  if (envVar === undefined) return "not-needed";
  const publicDefault = DEFAULT_BASE_URLS[spec.provider];
  if (publicDefault !== undefined && baseURL !== publicDefault) return "not-needed";
  throw new UsageError(missingKeyMessage(envVar), { code: "E_MODEL_CONFIG" });
}

/** the endpoint of a remote spec; azure without one → UsageError naming AZURE_OPENAI_ENDPOINT */
export function providerEndpoint(spec: RemoteModelSpec, baseURL?: string): string {
  const url = providerBaseURL(spec, baseURL);
  if (url === undefined) {
    throw new UsageError(
      `azure:${spec.model} needs an endpoint: set AZURE_OPENAI_ENDPOINT or use azure:<deployment>@https://<resource>.openai.azure.com`,
      { code: "E_MODEL_CONFIG" },
    );
  }
  return url;
}

/** a fetch that gives up after `ms` (the timer is unref'd, so it never keeps the process alive) */
export function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** { modelProvider, fields } for `initChatModel(spec.model, { modelProvider, ...fields })` */
export function providerFields(
  spec: RemoteModelSpec,
  options: ProviderFieldOptions,
): { modelProvider: string; fields: Record<string, unknown> } {
  const baseURL = providerEndpoint(spec, options.baseURL);
  const apiKey = providerApiKey(spec, baseURL, options.apiKey);
  const timeout = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 0;
  const seed = options.seed === undefined ? undefined : typeof options.seed === "number" ? options.seed : hashString32(options.seed);
  const out = (fields: Record<string, unknown>) => ({ modelProvider: LANGCHAIN_PROVIDER[spec.provider], fields });
  switch (spec.provider) {
    case "openai":
    case "azure": {
      const common = {
        timeout,
        maxRetries,
        ...opt("temperature", options.temperature),
        ...opt("topP", options.topP),
        ...opt("maxTokens", options.maxTokens),
        ...opt("logprobs", options.logprobs),
        ...opt("topLogprobs", options.topLogprobs),
        ...(seed === undefined && !options.extraBody
          ? {}
          : { modelKwargs: { ...options.extraBody, ...(seed === undefined ? {} : { seed }) } }),
      };
      if (spec.provider === "openai")
        return out({ apiKey, configuration: { baseURL, ...(options.fetch ? { fetch: options.fetch } : {}) }, ...common });
      return out({
        azureOpenAIApiKey: apiKey,
        azureOpenAIApiDeploymentName: spec.model,
        azureOpenAIApiVersion: options.apiVersion ?? DEFAULT_AZURE_API_VERSION,
        // base path wins over instance name / endpoint env vars inside the integration
        azureOpenAIBasePath: `${baseURL}/openai/deployments`,
        ...common,
      });
    }
    case "anthropic":
      // no request seed or logprobs in the Messages API
      return out({
        apiKey,
        anthropicApiUrl: baseURL,
        clientOptions: { timeout },
        maxRetries,
        ...opt("temperature", options.temperature),
        // newer Claude models refuse temperature and top_p together; top_p 1 is the API's default
        ...(options.topP === undefined || options.topP === 1 ? {} : { topP: options.topP }),
        ...opt("maxTokens", options.maxTokens),
      });
    case "google":
      // the timeout is applied per call (see resolveChatModel): the SDK's own leaves a live timer behind
      return out({
        apiKey,
        baseUrl: baseURL,
        maxRetries,
        ...opt("temperature", options.temperature),
        ...opt("topP", options.topP),
        ...opt("maxOutputTokens", options.maxTokens),
      });
    case "ollama":
      return out({
        baseUrl: baseURL,
        fetch: fetchWithTimeout(timeout),
        maxRetries,
        ...opt("temperature", options.temperature),
        ...opt("topP", options.topP),
        ...opt("numPredict", options.maxTokens),
        ...opt("seed", seed),
      });
  }
}
