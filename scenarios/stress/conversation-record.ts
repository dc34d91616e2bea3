// one row of conversations.jsonl: a whole persona × probe conversation, assembled from its
// exchanges once every turn exists. keyed <persona id>/<probe id>.
import { z } from "zod";
import { CallUsageSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { StressRecordBaseSchema } from "./stress-record-base.js";
import type { ExchangeRecord } from "./exchange-record.js";

export const CONVERSATIONS_FILE = "conversations.jsonl";

export const ConversationRecordSchema = StressRecordBaseSchema.extend({
  probe_set: z.string(),
  turns: z.array(z.object({ role: z.enum(["user", "assistant"]), text: z.string() })),
  /** model specs by role */
  target: z.string(),
  user_model: z.string(),
  /** summed over the conversation's calls, by role */
  usage: z.object({ user: CallUsageSchema, target: CallUsageSchema }),
  latency_ms: z.object({ user: z.number().nonnegative(), target: z.number().nonnegative() }),
  prompt_versions: z.object({ user: z.string(), target: z.string() }),
  /** user messages clipped to the word limit */
  clipped_user_turns: z.number().int().nonnegative(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;
export type ConversationRow = Omit<ConversationRecord, "key">;

/** conversations.jsonl: keyed <persona id>/<probe id> */
export const conversationsTable = table(CONVERSATIONS_FILE, ConversationRecordSchema, (c) => `${c.persona_id}/${c.probe_id}`);

const sum = (rows: readonly { input_tokens: number; output_tokens: number; total_tokens: number }[]) => ({
  input_tokens: rows.reduce((a, r) => a + r.input_tokens, 0),
  output_tokens: rows.reduce((a, r) => a + r.output_tokens, 0),
  total_tokens: rows.reduce((a, r) => a + r.total_tokens, 0),
});

/** the conversation of exchanges 1..n (in turn order) */
export function conversationFromExchanges(exchanges: readonly ExchangeRecord[], probeSet: string): ConversationRow {
  const first = exchanges[0];
  if (!first) throw new Error("a conversation needs at least one exchange");
  return {
    run_id: first.run_id,
    persona_id: first.persona_id,
    country: first.country,
    probe_id: first.probe_id,
    category: first.category,
    probe_set: probeSet,
    turns: exchanges.flatMap((e) => [
      { role: "user" as const, text: e.user.text },
      { role: "assistant" as const, text: e.assistant.text },
    ]),
    target: first.assistant.model,
    user_model: first.user.model,
    usage: { user: sum(exchanges.map((e) => e.user.usage)), target: sum(exchanges.map((e) => e.assistant.usage)) },
    latency_ms: {
      user: exchanges.reduce((a, e) => a + e.user.latency_ms, 0),
      target: exchanges.reduce((a, e) => a + e.assistant.latency_ms, 0),
    },
    prompt_versions: { user: first.user.prompt_version, target: first.assistant.prompt_version },
    clipped_user_turns: exchanges.filter((e) => e.user.clipped).length,
  };
}
