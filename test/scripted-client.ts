// a model client around a given chat model (a ScriptedChatModel, an OfflineChatModel with
// logprobs…) for unit tests: records name it "scripted" unless told otherwise; no backoff waits.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createModelClient, type CreateModelClientOptions, type ModelClient } from "../core/model/model-client.js";

export function scriptedClient(model: BaseChatModel, options: Partial<CreateModelClientOptions> = {}): Promise<ModelClient> {
  return createModelClient({ spec: "scripted", model, seed: 0, retry: { sleep: async () => undefined }, ...options });
}
