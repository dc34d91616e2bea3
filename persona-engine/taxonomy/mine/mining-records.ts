// the keyed records of a mining run directory: classifications.jsonl and extractions.jsonl,
// one line per conversation id (the key), so --resume skips conversations already done.
import { z } from "zod";
import { tokenUsageSchema } from "../../../core/usage/token-usage.js";
import { ClassificationSchema } from "./classification-prompt.js";
import { ExtractedAttributeSchema } from "./extraction-prompt.js";

export const CLASSIFICATIONS_FILE = "classifications.jsonl";
export const EXTRACTIONS_FILE = "extractions.jsonl";

export const ClassificationRecordSchema = ClassificationSchema.extend({
  key: z.string(),
  prompt_version: z.string(),
  usage: tokenUsageSchema,
  attempts: z.number().int(),
});
export type ClassificationRecord = z.infer<typeof ClassificationRecordSchema>;

export const ExtractionRecordSchema = z.object({
  key: z.string(),
  prompt_version: z.string(),
  attributes: z.array(ExtractedAttributeSchema),
  usage: tokenUsageSchema,
  attempts: z.number().int(),
});
export type ExtractionRecord = z.infer<typeof ExtractionRecordSchema>;
