// `--server-kind auto`: ask an OpenAI-compatible server what it is. llama.cpp answers GET /props
// (root, next to /v1) with its generation settings; vLLM lists models `owned_by: "vllm"`;
// Ollama answers GET /api/tags; anything else is treated as OpenAI. each probe is short and
// failures just move on: the reachability check reports a dead server.
import type { ServerKind } from "./server-profile.js";

export interface DetectServerKindOptions {
  apiKey?: string;
  /** per probe (default 3000 ms) */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

async function getJson(url: string, options: DetectServerKindOptions): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 3000);
  try {
    const res = await (options.fetch ?? fetch)(url, {
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
      signal: controller.signal,
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    return await res.json().catch(() => undefined);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** the server's kind from its answers to /props, /v1/models and /api/tags (default "openai") */
export async function detectServerKind(baseURL: string, options: DetectServerKindOptions = {}): Promise<ServerKind> {
  const base = baseURL.replace(/\/+$/, "");
  const root = base.replace(/\/v1$/, "");
  const props = (await getJson(`${root}/props`, options)) as { default_generation_settings?: unknown } | undefined;
  if (props && typeof props === "object" && "default_generation_settings" in props) return "llamacpp";
  const models = (await getJson(`${base}/models`, options)) as { data?: { owned_by?: unknown }[] } | undefined;
  const owners = Array.isArray(models?.data) ? models.data.map((m) => String(m?.owned_by ?? "").toLowerCase()) : [];
  if (owners.includes("vllm")) return "vllm";
  if (owners.includes("llamacpp")) return "llamacpp";
  if (owners.includes("library") || owners.includes("ollama")) return "ollama";
  const tags = (await getJson(`${root}/api/tags`, options)) as { models?: unknown } | undefined;
  if (tags && typeof tags === "object" && Array.isArray(tags.models)) return "ollama";
  return "openai";
}
