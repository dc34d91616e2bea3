// the built-in model: no network, output a pure function of (seed, messages, call options).
// - response_format json_schema (what structuredCall and withStructuredOutput send) → a JSON
//   object valid for the schema (sample-from-json-schema.ts, description hints honoured);
// - bound tools → one tool call with schema-valid args (auto: only when the last message is not
//   a tool result, so agent loops end);
// - a last message with an `options: A | B | C` line → one of the codes (offline-answer-options.ts);
// - anything else → "[offline model — synthetic text] …".
// usage_metadata ≈ chars/4; response_metadata.model_name = "offline"; optional OpenAI-format
// logprobs (`logprobs`/`top_logprobs` call options or `logprobs`/`topLogprobs` fields).
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { z } from "zod";
import { createRng, hashString128 } from "../rng.js";
import { messageText } from "../structured/message-text.js";
import { toStrictJsonSchema, type JsonObject } from "../structured/to-strict-json-schema.js";
import { estimateTokens } from "../usage/estimate-tokens.js";
import { findAnswerOptions, optionDistribution, optionLogprobs, textLogprobs } from "./offline-answer-options.js";
import { offlineStructuredOutput } from "./offline-structured-output.js";
import { sampleFromJsonSchema, type JsonSchema } from "./sample-from-json-schema.js";
import { syntheticParagraph } from "./synthetic-text.js";
import type { TokenLogprob } from "./token-logprob.js";

type OpenAITool = { type: "function"; function: { name: string; description?: string; parameters?: JsonSchema } };

export interface OfflineChatModelCallOptions extends BaseChatModelCallOptions {
  response_format?: { type: "json_schema"; json_schema: { name?: string; schema: unknown } } | { type: "json_object" | "text" };
  tools?: OpenAITool[];
  logprobs?: boolean;
  top_logprobs?: number;
  /** mixed into the model's seed for this call */
  seed?: number | string;
}

export interface OfflineChatModelFields extends BaseChatModelParams {
  seed?: number | string;
  logprobs?: boolean;
  topLogprobs?: number;
}

export class OfflineChatModel extends BaseChatModel<OfflineChatModelCallOptions> {
  readonly seed: number | string;
  readonly logprobs: boolean;
  readonly topLogprobs: number;

  static lc_name(): string {
    return "OfflineChatModel";
  }

  constructor(fields: OfflineChatModelFields = {}) {
    super(fields);
    this.seed = fields.seed ?? 0;
    this.logprobs = fields.logprobs ?? false;
    this.topLogprobs = fields.topLogprobs ?? 0;
  }

  _llmType(): string {
    return "offline";
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, OfflineChatModelCallOptions> {
    const converted = tools.map((t) => convertToOpenAITool(t as Parameters<typeof convertToOpenAITool>[0]) as OpenAITool);
    return this.withConfig({ tools: converted, ...kwargs } as Partial<OfflineChatModelCallOptions>);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override withStructuredOutput(outputSchema: any, config?: any): any {
    return offlineStructuredOutput(this, outputSchema, config);
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"], _run?: CallbackManagerForLLMRun): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const format = options.response_format;
    const schema = format?.type === "json_schema" ? jsonSchemaOf(format.json_schema.schema) : undefined;
    const tools = options.tools ?? [];
    const transcript = messages.map((m) => `${m.getType()}: ${messageText(m)}${toolCallsText(m)}`).join("\n");
    const key = JSON.stringify([
      this.seed,
      options.seed ?? null,
      transcript,
      schema ?? format?.type ?? null,
      tools,
      options.tool_choice ?? null,
    ]);
    const rng = createRng(`offline:${hashString128(key).join(".")}`);
    const wantLogprobs = options.logprobs ?? this.logprobs;
    const k = options.top_logprobs ?? this.topLogprobs;

    let content = "";
    let toolCalls: { id: string; name: string; args: Record<string, unknown>; type: "tool_call" }[] = [];
    let logprobs: TokenLogprob[] | undefined;
    const tool = pickTool(tools, options.tool_choice, messages, rng);
    if (tool) {
      const args = sampleFromJsonSchema(tool.function.parameters ?? { type: "object", properties: {} }, rng, tool.function.name);
      const id = `call_offline_${hashString128(key)[1].toString(16)}`;
      toolCalls = [{ id, name: tool.function.name, args: (args ?? {}) as Record<string, unknown>, type: "tool_call" }];
    } else if (schema) {
      content = JSON.stringify(
        sampleFromJsonSchema(schema, rng, format?.type === "json_schema" ? (format.json_schema.name ?? "output") : "output"),
      );
    } else if (format?.type === "json_object") {
      content = JSON.stringify({ answer: syntheticParagraph(rng, transcript) });
    } else {
      const last = messages.at(-1);
      const options_ = last ? findAnswerOptions(messageText(last)) : undefined;
      if (options_) {
        const probs = optionDistribution(options_, rng);
        const chosen = rng.weightedIndex(probs);
        content = options_[chosen] as string;
        if (wantLogprobs) logprobs = [optionLogprobs(options_, probs, chosen, k)];
      } else {
        content = syntheticParagraph(rng, last ? messageText(last) : "");
      }
    }
    if (wantLogprobs && !logprobs && content) logprobs = textLogprobs(content, rng.fork("logprobs"), k);

    const inputTokens = estimateTokens(transcript) + (schema ? estimateTokens(JSON.stringify(schema)) : 0);
    const outputTokens = estimateTokens(content || JSON.stringify(toolCalls.map((t) => t.args)));
    const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
    const finishReason = toolCalls.length > 0 ? "tool_calls" : "stop";
    const message = new AIMessage({
      content,
      tool_calls: toolCalls,
      usage_metadata: usage,
      response_metadata: {
        model_name: "offline",
        model_provider: "offline",
        finish_reason: finishReason,
        ...(logprobs ? { logprobs: { content: logprobs } } : {}),
      },
    });
    return {
      generations: [{ text: content, message }],
      llmOutput: { tokenUsage: { promptTokens: inputTokens, completionTokens: outputTokens, totalTokens: usage.total_tokens } },
    };
  }
}

function jsonSchemaOf(schema: unknown): JsonSchema {
  if (schema instanceof z.ZodType) return toStrictJsonSchema(schema);
  return (schema ?? {}) as JsonObject;
}

function toolCallsText(m: BaseMessage): string {
  const calls = (m as AIMessage).tool_calls;
  return calls?.length ? ` ${JSON.stringify(calls.map((c) => [c.name, c.args]))}` : "";
}

function pickTool(
  tools: OpenAITool[],
  choice: unknown,
  messages: BaseMessage[],
  rng: ReturnType<typeof createRng>,
): OpenAITool | undefined {
  if (tools.length === 0 || choice === "none") return undefined;
  const named =
    typeof choice === "string" && !["auto", "any", "required"].includes(choice)
      ? choice
      : (choice as { function?: { name?: string } } | undefined)?.function?.name;
  if (named) return tools.find((t) => t.function.name === named) ?? rng.pick(tools);
  if (choice === "any" || choice === "required") return rng.pick(tools);
  return messages.at(-1)?.getType() === "tool" ? undefined : rng.pick(tools);
}
