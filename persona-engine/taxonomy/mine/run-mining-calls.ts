// stage 1(a)+(b) as two resumable phases of one run directory: classify every conversation
// (classifications.jsonl), then extract attribute paths from the personalisable ones
// (extractions.jsonl). records are keyed by conversation id; done keys are skipped on --resume.
// ctrl-c (`signal`) stops scheduling; calls in flight finish and are recorded (no hard abort).
import type { ModelClient } from "../../../core/model/model-client.js";
import { runKeyedTasks, type RunKeyedTasksSummary } from "../../../core/run/run-keyed-tasks.js";
import type { RunStore } from "../../../core/store/run-store.js";
import { CLASSIFY_PROMPT_VERSION, ClassificationSchema, classificationPrompt } from "./classification-prompt.js";
import type { Conversation } from "./conversation-schema.js";
import { EXTRACT_PROMPT_VERSION, ExtractionSchema, extractionPrompt } from "./extraction-prompt.js";
import {
  CLASSIFICATIONS_FILE,
  ClassificationRecordSchema,
  EXTRACTIONS_FILE,
  ExtractionRecordSchema,
  type ClassificationRecord,
  type ExtractionRecord,
} from "./mining-records.js";
import { renderConversation } from "./render-conversation.js";

export type MiningPhase = "classify" | "extract";

export interface RunMiningCallsOptions {
  store: RunStore;
  conversations: readonly Conversation[];
  /** every call, keyed "classify/<id>" / "extract/<id>" (its request seed) */
  client: ModelClient;
  /** the task window (the client's limiter caps the requests) */
  concurrency: number;
  signal?: AbortSignal;
  /** called after each finished conversation of a phase (done counts resumed ones too) */
  onProgress?: (phase: MiningPhase, done: number, total: number) => void;
}

export interface MiningCallsResult {
  classify: RunKeyedTasksSummary;
  extract: RunKeyedTasksSummary;
  /** records of this run's conversations, in input order */
  classifications: ClassificationRecord[];
  extractions: ExtractionRecord[];
}

export async function runMiningCalls(options: RunMiningCallsOptions): Promise<MiningCallsResult> {
  const { store, conversations } = options;
  const { client } = options;
  const common = {
    store,
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
    ordered: true,
    finish: false,
  };
  const progress = (phase: MiningPhase, file: string, total: number) => {
    let done = conversations.filter((c) => store.has(file, c.id)).length;
    return () => options.onProgress?.(phase, ++done, total);
  };

  const tickClassify = progress("classify", CLASSIFICATIONS_FILE, conversations.length);
  const classify = await runKeyedTasks({
    ...common,
    file: CLASSIFICATIONS_FILE,
    tasks: conversations.map((c) => ({
      key: c.id,
      run: async () => {
        const res = await client.structured({
          key: `classify/${c.id}`,
          schema: ClassificationSchema,
          name: "personalisability",
          promptVersion: CLASSIFY_PROMPT_VERSION,
          messages: classificationPrompt(renderConversation(c)),
        });
        tickClassify();
        return { ...res.value, prompt_version: CLASSIFY_PROMPT_VERSION, usage: res.usage, attempts: res.attempts };
      },
    })),
  });

  const ids = new Set(conversations.map((c) => c.id));
  const classifications = inOrder(
    conversations,
    (await store.read(CLASSIFICATIONS_FILE, ClassificationRecordSchema)).filter((r) => ids.has(r.key)),
  );
  const personalisable = new Set(classifications.filter((r) => r.personalisable !== "not").map((r) => r.key));
  const toExtract = conversations.filter((c) => personalisable.has(c.id));

  const tickExtract = progress("extract", EXTRACTIONS_FILE, toExtract.length);
  const extract = await runKeyedTasks({
    ...common,
    file: EXTRACTIONS_FILE,
    tasks: options.signal?.aborted
      ? []
      : toExtract.map((c) => ({
          key: c.id,
          run: async () => {
            const res = await client.structured({
              key: `extract/${c.id}`,
              schema: ExtractionSchema,
              name: "attribute_paths",
              promptVersion: EXTRACT_PROMPT_VERSION,
              messages: extractionPrompt(renderConversation(c)),
            });
            tickExtract();
            return { prompt_version: EXTRACT_PROMPT_VERSION, attributes: res.value.attributes, usage: res.usage, attempts: res.attempts };
          },
        })),
  });
  const extractions = inOrder(
    toExtract,
    (await store.read(EXTRACTIONS_FILE, ExtractionRecordSchema)).filter((r) => personalisable.has(r.key)),
  );
  return { classify, extract, classifications, extractions };
}

function inOrder<R extends { key: string }>(conversations: readonly Conversation[], records: R[]): R[] {
  const byKey = new Map(records.map((r) => [r.key, r]));
  return conversations.flatMap((c) => {
    const r = byKey.get(c.id);
    return r ? [r] : [];
  });
}
