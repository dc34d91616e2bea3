// a fake-openai-server `handler` reply answering a chat request with fixed content: finish "stop",
// id "x", usage of 5 prompt tokens and `completionTokens`, plus any other answer field (logprobs).
import { completionObject, type ChatAnswer, type ChatBody } from "./fake-openai-completion.js";
import type { FakeReply } from "./fake-openai-server.js";

export function chatReply(body: unknown, content: string, completionTokens: number, more: Partial<ChatAnswer> = {}): FakeReply {
  const usage = { prompt_tokens: 5, completion_tokens: completionTokens, total_tokens: 5 + completionTokens };
  return { json: completionObject(body as ChatBody, { content, finishReason: "stop", usage, ...more }, "x") };
}
