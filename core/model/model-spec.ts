// model spec strings: "offline" | "<provider>:<model>" | "<provider>:<model>@<baseURL>" for the
// providers openai, anthropic, google (Gemini), ollama (native /api/chat) and azure (Azure OpenAI,
// the model is the deployment name). any OpenAI-compatible server (vLLM, llama.cpp server,
// LM Studio) goes through the "openai:" provider with a base URL.
import { z } from "zod";
import { UsageError } from "../errors.js";

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

export const REMOTE_PROVIDERS = ["openai", "anthropic", "google", "ollama", "azure"] as const;
export type RemoteProvider = (typeof REMOTE_PROVIDERS)[number];

/** each provider's endpoint when the spec and options give none (azure has none: its endpoint is the user's resource) */
export const DEFAULT_BASE_URLS: Record<RemoteProvider, string | undefined> = {
  openai: DEFAULT_OPENAI_BASE_URL,
  anthropic: "https://api.anthropic.com",
  google: "https://generativelanguage.googleapis.com",
  ollama: "http://127.0.0.1:11434",
  azure: undefined,
};

const remote = <P extends RemoteProvider>(provider: P) =>
  z.object({
    provider: z.literal(provider),
    model: z.string().min(1).regex(/^\S+$/, "model names have no spaces"),
    baseURL: z.url({ protocol: /^https?$/ }).optional(),
  });

export const modelSpecSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("offline") }),
  remote("openai"),
  remote("anthropic"),
  remote("google"),
  remote("ollama"),
  remote("azure"),
]);
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type RemoteModelSpec = Exclude<ModelSpec, { provider: "offline" }>;

const ACCEPTED =
  "accepted: offline, openai:<model>, openai:<model>@<http(s)://host:port/v1>, anthropic:<model>, google:<model>, ollama:<model>, azure:<deployment> (each with an optional @<http(s)://host:port>)";

/** parse a model spec string; a bad one → UsageError naming it and the accepted forms */
export function parseModelSpec(spec: string): ModelSpec {
  const s = spec.trim();
  let candidate: unknown;
  const colon = s.indexOf(":");
  const provider = colon < 0 ? "" : s.slice(0, colon);
  if (s === "offline") candidate = { provider: "offline" };
  else if ((REMOTE_PROVIDERS as readonly string[]).includes(provider)) {
    const rest = s.slice(colon + 1);
    const at = rest.indexOf("@");
    candidate =
      at < 0 ? { provider, model: rest } : { provider, model: rest.slice(0, at), baseURL: rest.slice(at + 1).replace(/\/+$/, "") };
  }
  const parsed = candidate === undefined ? undefined : modelSpecSchema.safeParse(candidate);
  if (!parsed?.success) {
    const why = parsed?.error.issues[0] ? ` (${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message})` : "";
    throw new UsageError(`invalid model spec '${spec}'${why}; ${ACCEPTED}`, { code: "E_MODEL_CONFIG" });
  }
  return parsed.data;
}

/** the canonical string form of a spec */
export function formatModelSpec(spec: ModelSpec): string {
  if (spec.provider === "offline") return "offline";
  return spec.baseURL ? `${spec.provider}:${spec.model}@${spec.baseURL}` : `${spec.provider}:${spec.model}`;
}

/** the endpoint a remote spec talks to: its @URL, else the given one (flag / env), else the provider default */
export function providerBaseURL(spec: RemoteModelSpec, baseURL?: string): string | undefined {
  const url = spec.baseURL ?? baseURL ?? DEFAULT_BASE_URLS[spec.provider];
  return url?.replace(/\/+$/, "");
}
