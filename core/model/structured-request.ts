// the provider adapter for strict structured output: (model, schema name, strict JSON schema) →
// the call options that ask THIS provider for schema-conforming output through its native
// mechanism, and the function that reads the JSON text back from its reply.
//   openai / azure / offline / test doubles: response_format json_schema (strict)
//   anthropic: one tool whose input_schema is the schema, forced by tool_choice; JSON = its input
//   google (Gemini): responseMimeType application/json + responseSchema (OpenAPI subset)
//   ollama: `format` = the JSON schema (grammar-constrained decoding)
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage } from "@langchain/core/messages";
import { messageText } from "../structured/message-text.js";
import { jsonSchemaResponseFormat, schemaName } from "../structured/response-format.js";
import type { JsonObject } from "../structured/to-strict-json-schema.js";
import { geminiResponseSchema } from "./gemini-response-schema.js";

export interface StructuredRequest {
  /** merged into the model call options */
  callOptions: Record<string, unknown>;
  /** the JSON text of a reply (tool input for Anthropic, the content otherwise) */
  extract(message: AIMessage): string;
}

/** which wire mechanism a model gets, from its LangChain class */
export function structuredMechanism(model: BaseChatModel): "tool" | "responseSchema" | "format" | "response_format" {
  const type = model._llmType();
  if (type === "anthropic") return "tool";
  if (type === "googlegenerativeai") return "responseSchema";
  if (type === "ollama") return "format";
  return "response_format";
}

export function structuredRequest(model: BaseChatModel, name: string, schema: JsonObject): StructuredRequest {
  const text = (m: AIMessage) => messageText(m);
  switch (structuredMechanism(model)) {
    case "tool": {
      const tool = schemaName(name);
      return {
        callOptions: {
          tools: [{ name: tool, description: `Record the answer as the "${tool}" JSON object.`, input_schema: schema }],
          tool_choice: { type: "tool", name: tool },
        },
        extract: (m) => {
          const call = m.tool_calls?.find((c) => c.name === tool) ?? m.tool_calls?.[0];
          return call ? JSON.stringify(call.args) : text(m);
        },
      };
    }
    case "responseSchema":
      return { callOptions: { responseSchema: geminiResponseSchema(schema) }, extract: text };
    case "format":
      return { callOptions: { format: schema }, extract: text };
    case "response_format":
      return { callOptions: { response_format: jsonSchemaResponseFormat(name, schema) }, extract: text };
  }
}
