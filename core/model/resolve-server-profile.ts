// `--server-kind` → the chat server's capability profile. "auto" (the default) asks a custom
// server what it is (detect-server-kind.ts); the default OpenAI endpoint is "openai" without
// asking; the offline model has its own profile. a kind not in the list → UsageError (exit 2).
import { UsageError } from "../errors.js";
import { detectServerKind } from "./detect-server-kind.js";
import { DEFAULT_OPENAI_BASE_URL, type ModelSpec } from "./model-spec.js";
import { SERVER_KINDS, SERVER_PROFILES, type ServerKind, type ServerProfile } from "./server-profile.js";

export interface ResolveServerProfileOptions {
  /** openai | vllm | llamacpp | ollama | auto (default auto) */
  kind?: string | undefined;
  chat: ModelSpec;
  baseURL?: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

export async function resolveServerProfile(options: ResolveServerProfileOptions): Promise<ServerProfile> {
  const kind = (options.kind ?? "auto").trim().toLowerCase();
  if (kind !== "auto" && !(SERVER_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--server-kind must be one of ${[...SERVER_KINDS, "auto"].join(", ")}, got '${options.kind}'`);
  }
  if (options.chat.provider === "offline") return SERVER_PROFILES.offline;
  if (kind !== "auto") return SERVER_PROFILES[kind as ServerKind];
  const baseURL = (options.chat.baseURL ?? options.baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "");
  if (baseURL === DEFAULT_OPENAI_BASE_URL) return SERVER_PROFILES.openai;
  const detected = await detectServerKind(baseURL, {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return SERVER_PROFILES[detected];
}
