// the turns phase's keyed tasks: one per planned turn, in the plan's interleaved order. each
// group is one conversation of the conversation engine (agents/conversation/: one LangGraph
// StateGraph, a checkpointed thread per group) run by the discussion turn policy
// (discussion-turn-policy.ts: opening, speaking order, transcript windows, repair, stop). a task
// asks the engine for its turn: the engine queues a group's turns in order (groups run
// concurrently), replays the group's turns already in turns.jsonl (resume) without a call, and
// generates the missing one; if a turn fails, the rest of its group fails too (no record:
// --resume retries them). each turn is written as a keyed record by runKeyedTasks, as before.
import type { ModelClient } from "../../core/model/model-client.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { PersonaAgent } from "../../agents/create-persona-agent.js";
import { createConversationEngine, type ConversationEngine } from "../../agents/conversation/create-conversation-engine.js";
import { personaParticipant } from "../../agents/conversation/persona-participant.js";
import type { Conversation, ConversationTurn } from "../../agents/conversation/turn-policy.js";
import { DISCUSSION_TURN_PROMPT_VERSION } from "../../agents/prompts/discussion-turn-prompt.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { discussionTurnPolicy } from "./discussion-turn-policy.js";
import type { DiscussionPlan, PlannedGroup, PlannedTurn } from "./plan-discussion.js";
import type { TurnRecord, TurnRow } from "./turn-record.js";
import { speakerLabels } from "./transcript-window.js";

export interface TurnTasksOptions {
  spec: DiscussionSpec;
  runId: string;
  plan: DiscussionPlan;
  personas: ReadonlyMap<string, Persona>;
  /** turns already in turns.jsonl (resume) */
  done: readonly TurnRecord[];
  agentFor: (persona: Persona) => PersonaAgent;
  /** the agents' client: estimates price its spec, rows record its sampling */
  client: ModelClient;
  prices?: PriceTable;
  /** default: a new engine (MemorySaver checkpointer) for this phase */
  engine?: ConversationEngine;
}

export function turnTasks(options: TurnTasksOptions): KeyedTask<TurnRow>[] {
  const { spec, plan, personas } = options;
  const persona = (id: string) => personas.get(id) as Persona;
  const labels = new Map<string, string>();
  for (const g of plan.groups) for (const [id, label] of speakerLabels(g.members.map((m) => persona(m)))) labels.set(id, label);
  const label = (id: string) => labels.get(id) ?? id;
  const engine = options.engine ?? createConversationEngine();

  // per group: its planned turns, the turns already recorded, its conversation
  const planned = new Map<string, PlannedTurn[]>();
  for (const t of plan.turns) planned.set(t.group.id, [...(planned.get(t.group.id) ?? []), t]);
  const byKey = new Map(plan.turns.map((t) => [t.key, t]));
  const recorded = new Map<string, Map<string, ConversationTurn>>();
  for (const r of options.done) {
    const t = byKey.get(r.key);
    if (!t) continue;
    const list = recorded.get(t.group.id) ?? new Map<string, ConversationTurn>();
    list.set(r.key, { key: r.key, kind: "participant", speaker: r.persona_id, text: r.text, round: r.round });
    recorded.set(t.group.id, list);
  }
  const conversations = new Map<string, Conversation>();
  const conversationOf = (group: PlannedGroup): Conversation => {
    let c = conversations.get(group.id);
    if (!c) {
      c = {
        id: group.id,
        policy: discussionTurnPolicy({ spec, group, turns: planned.get(group.id) ?? [], label }),
        participant: (id) => personaParticipant(options.agentFor(persona(id))),
      };
      conversations.set(group.id, c);
    }
    return c;
  };
  // the profile and the transcript at their token budgets, the instructions, ≈ 2 tokens a word out
  const estimateUsd = estimateCostUsd(
    { modelSpec: options.client.spec, inputTokens: spec.profileTokens + spec.transcriptTokens + 250, outputTokens: spec.turnWords * 2 },
    options.prices,
  );

  return plan.turns.map(
    (t): KeyedTask<TurnRow> => ({
      key: t.key,
      estimateUsd,
      run: async (signal) => {
        const { turn } = await engine.turn(conversationOf(t.group), t.key, { recorded: recorded.get(t.group.id) ?? new Map(), signal });
        const call = turn.call;
        if (!call) throw new Error(`turn ${t.key} was replayed, not generated`);
        return {
          run_id: options.runId,
          arm: t.group.arm,
          group: t.group.id,
          country: t.group.country,
          round: t.round,
          turn: t.turn,
          persona_id: t.personaId,
          text: turn.text,
          model: call.modelSpec,
          usage: { input_tokens: call.usage.inputTokens, output_tokens: call.usage.outputTokens, total_tokens: call.usage.totalTokens },
          latency_ms: Math.round(call.latencyMs),
          temperature: options.client.sampling.temperature,
          top_p: options.client.sampling.topP,
          prompt_version: `${call.promptVersion}+${DISCUSSION_TURN_PROMPT_VERSION}`,
          attempts: turn.attempts ?? call.attempts,
          ...(turn.problem ? { status: "invalid" as const, reason: turn.problem } : {}),
        };
      },
    }),
  );
}
