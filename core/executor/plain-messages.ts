// LangChain messages ⇄ plain JSON messages (call-request.ts), so a call crosses processes.
//   toPlainMessages([new SystemMessage("…"), ["human", "…"]]) → [{role: "system", …}, {role: "user", …}]
//   fromPlainMessages(plain) → [SystemMessage, HumanMessage] (what the sender gives the model)
import {
  AIMessage,
  coerceMessageLikeToMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
  type BaseMessageLike,
} from "@langchain/core/messages";
import type { PlainMessage } from "./call-request.js";

const ROLE: Record<string, PlainMessage["role"]> = { system: "system", human: "user", ai: "assistant", tool: "tool", generic: "user" };

export function toPlainMessages(messages: readonly BaseMessageLike[]): PlainMessage[] {
  return messages.map((like) => {
    const m = coerceMessageLikeToMessage(like);
    const role = ROLE[m.getType()];
    if (!role) throw new TypeError(`a model call cannot carry a '${m.getType()}' message`);
    const content = m.content as PlainMessage["content"];
    const toolCalls = (m as AIMessage).tool_calls;
    const toolCallId = (m as ToolMessage).tool_call_id;
    return {
      role,
      content: typeof content === "string" ? content : JSON.parse(JSON.stringify(content)),
      ...(typeof m.name === "string" ? { name: m.name } : {}),
      ...(role === "assistant" && toolCalls?.length
        ? { tool_calls: toolCalls.map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, args: c.args })) }
        : {}),
      ...(role === "tool" && typeof toolCallId === "string" ? { tool_call_id: toolCallId } : {}),
    };
  });
}

export function fromPlainMessages(messages: readonly PlainMessage[]): BaseMessage[] {
  return messages.map((p) => {
    const content = p.content as string;
    const name = p.name === undefined ? {} : { name: p.name };
    switch (p.role) {
      case "system":
        return new SystemMessage({ content, ...name });
      case "user":
        return new HumanMessage({ content, ...name });
      case "assistant":
        return new AIMessage({
          content,
          ...name,
          ...(p.tool_calls ? { tool_calls: p.tool_calls.map((c) => ({ ...c, type: "tool_call" as const })) } : {}),
        });
      case "tool":
        return new ToolMessage({ content, tool_call_id: p.tool_call_id ?? "", ...name });
    }
  });
}
