// withStructuredOutput for the offline model: binds the same strict response_format that
// structuredCall sends, then parses and validates the JSON text (includeRaw supported).
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { assembleStructuredOutputPipeline } from "@langchain/core/language_models/structured_output";
import type { BaseMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import { z } from "zod";
import { dropOptionalNulls } from "../structured/drop-optional-nulls.js";
import { messageText } from "../structured/message-text.js";
import { parseJsonOutput } from "../structured/parse-json-output.js";
import { toStrictJsonSchema, zodToJsonSchema, type JsonObject } from "../structured/to-strict-json-schema.js";

export function offlineStructuredOutput(model: BaseChatModel, outputSchema: unknown, config?: { name?: string; includeRaw?: boolean }) {
  const isZod = outputSchema instanceof z.ZodType;
  const plain = isZod ? zodToJsonSchema(outputSchema) : (outputSchema as JsonObject);
  const strict = isZod ? toStrictJsonSchema(outputSchema) : plain;
  const name = config?.name ?? (typeof plain.title === "string" ? plain.title : "extract");
  const llm = model.withConfig({
    response_format: { type: "json_schema", json_schema: { name, strict: true, schema: strict } },
  } as Record<string, unknown>);
  const parser = RunnableLambda.from((message: BaseMessage): Record<string, unknown> => {
    const value = dropOptionalNulls(parseJsonOutput(messageText(message)), plain);
    return (isZod ? outputSchema.parse(value) : value) as Record<string, unknown>;
  });
  return assembleStructuredOutputPipeline(
    llm,
    parser,
    config?.includeRaw,
    config?.includeRaw ? "StructuredOutputRunnable" : "StructuredOutput",
  );
}
