// the model a client talks to, as the manifest records it: provider, model, server, canonical spec.
//   modelRef("openai:gpt-4o-mini@http://127.0.0.1:8080/v1") → { provider: "openai", …, spec: "openai:gpt-4o-mini@http://127.0.0.1:8080/v1" }
import {
  DEFAULT_BASE_URLS,
  DEFAULT_OPENAI_BASE_URL,
  formatModelSpec,
  parseModelSpec,
  providerBaseURL,
  type ModelSpec,
} from "./model-spec.js";

export interface ModelRef {
  provider: string;
  /** null for the offline model */
  model: string | null;
  /** the server that answers (null for the offline model) */
  baseURL: string | null;
  /** canonical spec: "offline", "<provider>:<model>" (the provider's public server) or "<provider>:<model>@<baseURL>" */
  spec: string;
}

/** the reference of a spec with the --base-url fallback applied */
export function modelRef(spec: string | ModelSpec, options: { baseURL?: string } = {}): ModelRef {
  const parsed = typeof spec === "string" ? parseModelSpec(spec) : spec;
  if (parsed.provider === "offline") return { provider: "offline", model: null, baseURL: null, spec: "offline" };
  const baseURL = providerBaseURL(parsed, options.baseURL);
  const publicDefault = parsed.provider === "openai" ? DEFAULT_OPENAI_BASE_URL : DEFAULT_BASE_URLS[parsed.provider];
  const canonical = formatModelSpec(
    baseURL === undefined || baseURL === publicDefault ? { ...parsed, baseURL: undefined } : { ...parsed, baseURL },
  );
  return { provider: parsed.provider, model: parsed.model, baseURL: baseURL ?? null, spec: canonical };
}
