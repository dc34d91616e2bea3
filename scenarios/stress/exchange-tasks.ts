// the "exchanges" phase's keyed tasks: one per persona × probe × turn, conversation by
// conversation (t1, t2, … of one conversation next to each other). each persona × probe is one
// conversation of the conversation engine (agents/conversation/: one LangGraph StateGraph, a
// checkpointed thread per conversation) run by the stress turn policy (stress-turn-policy.ts):
// the persona agent writes the user message in character, then the target answers from its own
// system prompt and the transcript. a task asks the engine for its exchange (the user turn and
// the target turn, queued together): a conversation's turns run in sequence — the engine replays
// the exchanges already in the run store (resume) without a call, so a resumed conversation sees
// exactly the same messages — while conversations run concurrently: runKeyedTasks gets a window
// of `concurrency × turns` tasks (a waiting turn holds a place without a call) and the run's one
// limiter (in the model clients) caps the requests in flight.
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { createPersonaAgent } from "../../agents/create-persona-agent.js";
import { createConversationEngine, type ConversationEngine } from "../../agents/conversation/create-conversation-engine.js";
import { modelParticipant } from "../../agents/conversation/model-participant.js";
import { personaParticipant } from "../../agents/conversation/persona-participant.js";
import type { Conversation, ConversationTurn } from "../../agents/conversation/turn-policy.js";
import { conversationKey, exchangeKey, type ExchangeRecord, type ExchangeRow } from "./exchange-record.js";
import type { Probe, ProbeCategory } from "./probe-schema.js";
import { usageRecord, type RoleModel } from "./role-model.js";
import type { StressSpec } from "./stress-spec.js";
import { STRESS_TARGET_PROMPT_VERSION } from "./stress-target-prompt.js";
import { TARGET, stressTurnPolicy, targetTurnKey, userTurnKey } from "./stress-turn-policy.js";
import { STRESS_USER_PROMPT_VERSION } from "./stress-user-prompt.js";

export interface ExchangeTasksOptions {
  spec: StressSpec;
  runId: string;
  personas: readonly Persona[];
  probes: readonly Probe[];
  categories: ReadonlyMap<string, ProbeCategory>;
  /** exchanges already in the run store, by key (resume) */
  done: ReadonlyMap<string, ExchangeRecord>;
  users: RoleModel;
  target: RoleModel;
  prices?: PriceTable;
  /** default: a new engine (MemorySaver checkpointer) for this phase */
  engine?: ConversationEngine;
}

/** rough tokens of one turn, for the budget guard */
const USER_OUT = 160;
const TARGET_OUT = 450;
const PER_EARLIER_TURN = USER_OUT + TARGET_OUT + 120;

export function exchangeTasks(o: ExchangeTasksOptions): KeyedTask<ExchangeRow>[] {
  const { spec } = o;
  const profiles = new Map<string, string>();
  const profileOf = (p: Persona) => {
    let profile = profiles.get(p.id);
    if (profile === undefined) {
      profile = renderPersona(p, { maxTokens: spec.profileTokens });
      profiles.set(p.id, profile);
    }
    return profile;
  };
  const systemTokens = Math.ceil(spec.targetSystem.text.length / 4);
  const estimate = (turn: number) =>
    estimateCostUsd(
      { modelSpec: o.users.spec, inputTokens: spec.profileTokens + 250 + (turn - 1) * PER_EARLIER_TURN, outputTokens: USER_OUT },
      o.prices,
    ) +
    estimateCostUsd(
      { modelSpec: o.target.spec, inputTokens: systemTokens + (turn - 1) * PER_EARLIER_TURN + USER_OUT, outputTokens: TARGET_OUT },
      o.prices,
    );

  const engine = o.engine ?? createConversationEngine();
  const target = modelParticipant(o.target, { system: spec.targetSystem.text, promptVersion: STRESS_TARGET_PROMPT_VERSION });
  const conversations = new Map<string, { conversation: Conversation; recorded: Map<string, ConversationTurn> }>();
  const conversationOf = (persona: Persona, probe: Probe) => {
    const id = conversationKey(persona.id, probe.id);
    let c = conversations.get(id);
    if (!c) {
      const user = personaParticipant(createPersonaAgent({ profile: profileOf(persona), client: o.users }));
      const recorded = new Map<string, ConversationTurn>();
      for (let turn = 1; turn <= spec.turns; turn++) {
        const r = o.done.get(exchangeKey(persona.id, probe.id, turn));
        if (!r) continue;
        recorded.set(userTurnKey(persona.id, probe.id, turn), {
          key: userTurnKey(persona.id, probe.id, turn),
          kind: "participant",
          speaker: persona.id,
          text: r.user.text,
          round: turn,
        });
        recorded.set(targetTurnKey(persona.id, probe.id, turn), {
          key: targetTurnKey(persona.id, probe.id, turn),
          kind: "participant",
          speaker: TARGET,
          text: r.assistant.text,
          round: turn,
        });
      }
      c = {
        conversation: {
          id,
          policy: stressTurnPolicy({ spec, personaId: persona.id, probe }),
          participant: (who) => (who === TARGET ? target : user),
        },
        recorded,
      };
      conversations.set(id, c);
    }
    return c;
  };

  const exchange = async (persona: Persona, probe: Probe, turn: number, signal: AbortSignal): Promise<ExchangeRow> => {
    const { conversation, recorded } = conversationOf(persona, probe);
    // both turns queued at once, so the next exchange's user turn (a later task) queues after them
    const [said, reply] = await Promise.all([
      engine.turn(conversation, userTurnKey(persona.id, probe.id, turn), { recorded, signal }),
      engine.turn(conversation, targetTurnKey(persona.id, probe.id, turn), { recorded, signal }),
    ]);
    if (reply.finished) conversations.delete(conversation.id);
    const user = said.turn;
    const assistant = reply.turn;
    if (!user.call || !assistant.call) throw new Error(`exchange ${exchangeKey(persona.id, probe.id, turn)} was replayed, not generated`);
    return {
      run_id: o.runId,
      persona_id: persona.id,
      country: persona.country,
      probe_id: probe.id,
      category: probe.category,
      turn,
      user: {
        text: user.text,
        clipped: user.info?.clipped === true,
        model: o.users.spec,
        usage: usageRecord(user.call.usage),
        latency_ms: Math.round(user.call.latencyMs),
        temperature: o.users.sampling.temperature,
        top_p: o.users.sampling.topP,
        attempts: user.attempts ?? user.call.attempts,
        prompt_version: `${user.call.promptVersion}+${STRESS_USER_PROMPT_VERSION}`,
        ...(user.problem ? { status: "invalid" as const, reason: user.problem } : {}),
      },
      assistant: {
        text: assistant.text,
        model: o.target.spec,
        usage: usageRecord(assistant.call.usage),
        latency_ms: Math.round(assistant.call.latencyMs),
        temperature: o.target.sampling.temperature,
        top_p: o.target.sampling.topP,
        attempts: assistant.call.attempts,
        prompt_version: STRESS_TARGET_PROMPT_VERSION,
      },
    };
  };

  const tasks: KeyedTask<ExchangeRow>[] = [];
  for (const persona of o.personas) {
    for (const probe of o.probes) {
      if (!o.categories.has(probe.category)) throw new Error(`probe '${probe.id}' has an unknown category '${probe.category}'`);
      for (let turn = 1; turn <= spec.turns; turn++) {
        const key = exchangeKey(persona.id, probe.id, turn);
        tasks.push({
          key,
          estimateUsd: estimate(turn),
          run: (signal) => {
            return exchange(persona, probe, turn, signal);
          },
        });
      }
    }
  }
  return tasks;
}

/** the task window for runKeyedTasks: every conversation in flight may hold one place per turn */
export function exchangeTaskConcurrency(concurrency: number, turns: number): number {
  return concurrency * Math.max(1, turns);
}
