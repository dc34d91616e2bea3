// model spec strings: "offline" | "openai:<model>" | "openai:<model>@<baseURL>".
// any OpenAI-compatible server (vLLM, Ollama, llama.cpp server, LM Studio) goes through the
// "openai:" provider with a base URL.
import { z } from "zod";
import { UsageError } from "../errors.js";

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

export const modelSpecSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("offline") }),
  z.object({
    provider: z.literal("openai"),
    model: z.string().min(1).regex(/^\S+$/, "model names have no spaces"),
    baseURL: z.url({ protocol: /^https?$/ }).optional(),
  }),
]);
export type ModelSpec = z.infer<typeof modelSpecSchema>;

const ACCEPTED = "accepted: offline, openai:<model>, openai:<model>@<http(s)://host:port/v1>";

/** parse a model spec string; a bad one → UsageError naming it and the accepted forms */
export function parseModelSpec(spec: string): ModelSpec {
  const s = spec.trim();
  let candidate: unknown;
  if (s === "offline") candidate = { provider: "offline" };
  else if (s.startsWith("openai:")) {
    const rest = s.slice("openai:".length);
    const at = rest.indexOf("@");
    candidate =
      at < 0
        ? { provider: "openai", model: rest }
        : { provider: "openai", model: rest.slice(0, at), baseURL: rest.slice(at + 1).replace(/\/+$/, "") };
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
  return spec.baseURL ? `openai:${spec.model}@${spec.baseURL}` : `openai:${spec.model}`;
}
