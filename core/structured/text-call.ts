// plain-text model call with the same transient retries and metering as structuredCall.
import type { AIMessage } from "@langchain/core/messages";
import { logprobsOf, type TokenLogprob } from "../model/token-logprob.js";
import type { TokenUsage } from "../usage/token-usage.js";
import { invokeWithRetry, modelSpecOf, type ModelCallOptions } from "./invoke-with-retry.js";
import { messageText } from "./message-text.js";

export interface TextCallOptions extends ModelCallOptions {
  /** prompt version id, echoed in the result for records */
  promptVersion?: string;
}

export interface TextCallResult {
  text: string;
  message: AIMessage;
  usage: TokenUsage;
  /** requests sent, transient retries included */
  attempts: number;
  latencyMs: number;
  modelSpec: string;
  /** per-token logprobs when the model was built with logprobs on (OpenAI format) */
  logprobs?: TokenLogprob[];
  promptVersion?: string;
}

export async function textCall(options: TextCallOptions): Promise<TextCallResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const modelSpec = options.modelSpec ?? modelSpecOf(options.model);
  const res = await invokeWithRetry({ ...options, modelSpec, clock }, options.callOptions ?? {});
  const logprobs = logprobsOf(res.message);
  return {
    text: messageText(res.message),
    message: res.message,
    usage: res.usage,
    attempts: res.requests,
    latencyMs: clock() - started,
    modelSpec,
    ...(logprobs ? { logprobs } : {}),
    ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
  };
}
