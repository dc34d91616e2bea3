// a chat model that replays scripted responses and records every call. a script is one step
// (used for every call), an array (one step per call; running out throws), or a function of
// (messages, options, callIndex). a step is a string (content), AIMessage fields, or an Error
// (thrown, e.g. one with `status: 429` to exercise retries).
//   const model = new ScriptedChatModel({ responses: ["not json", '{"a":1}'] });
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type AIMessageFields, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { messageText } from "../core/structured/message-text.js";
import { estimateTokens } from "../core/usage/estimate-tokens.js";

export type ScriptStep = string | AIMessageFields | Error;
export type ScriptFn = (messages: BaseMessage[], options: Record<string, unknown>, callIndex: number) => ScriptStep | Promise<ScriptStep>;
export type Script = ScriptStep | ScriptStep[] | ScriptFn;

export interface ScriptedCall {
  messages: BaseMessage[];
  /** call options as the model received them (response_format, tools, tool_choice, …) */
  options: Record<string, unknown>;
}

export interface ScriptedChatModelFields {
  responses: Script;
  /** reported as response_metadata.model_name (default "scripted") */
  modelName?: string;
  /** add usage_metadata estimated at chars/4 when a step has none (default true) */
  estimateUsage?: boolean;
}

export class ScriptedChatModel extends BaseChatModel<BaseChatModelCallOptions & Record<string, unknown>> {
  readonly calls: ScriptedCall[] = [];
  private readonly script: Script;
  private readonly modelName: string;
  private readonly estimateUsage: boolean;

  constructor(fields: ScriptedChatModelFields) {
    super({});
    this.script = fields.responses;
    this.modelName = fields.modelName ?? "scripted";
    this.estimateUsage = fields.estimateUsage ?? true;
  }

  _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Record<string, unknown>): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    const converted = tools.map((t) => convertToOpenAITool(t as Parameters<typeof convertToOpenAITool>[0]));
    return this.withConfig({ tools: converted, ...kwargs });
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const index = this.calls.length;
    const { signal: _signal, callbacks: _callbacks, ...rest } = options as Record<string, unknown>;
    this.calls.push({ messages, options: rest });
    const step = await this.stepFor(messages, rest, index);
    if (step instanceof Error) throw step;
    const fields: AIMessageFields = typeof step === "string" ? { content: step } : step;
    const content = typeof fields.content === "string" ? fields.content : "";
    const input = estimateTokens(messages.map((m) => messageText(m)).join("\n"));
    const output = estimateTokens(content);
    const message = new AIMessage({
      ...fields,
      ...(this.estimateUsage && !fields.usage_metadata
        ? { usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output } }
        : {}),
      response_metadata: { model_name: this.modelName, ...(fields.response_metadata ?? {}) },
    });
    return { generations: [{ text: content, message }] };
  }

  private async stepFor(messages: BaseMessage[], options: Record<string, unknown>, index: number): Promise<ScriptStep> {
    const s = this.script;
    if (typeof s === "function") return s(messages, options, index);
    if (Array.isArray(s)) {
      if (index >= s.length) throw new Error(`ScriptedChatModel: no scripted response for call #${index + 1} (script has ${s.length})`);
      return s[index] as ScriptStep;
    }
    return s;
  }
}
