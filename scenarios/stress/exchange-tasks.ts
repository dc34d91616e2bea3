// the "exchanges" phase's keyed tasks: one per persona × probe × turn, conversation by
// conversation (t1, t2, … of one conversation next to each other). a conversation's turns are
// sequential — turn t waits for turn t−1 (from the run store when it was made in an earlier
// session, else the in-flight task of this session) — while conversations run concurrently:
// runKeyedTasks gets a window of `concurrency × turns` tasks (a waiting turn holds a place
// without a call) and the run's one limiter (in the model clients) caps the requests in flight.
// each turn: the persona agent (speak, in the conversation's thread; its memory rebuilt from
// the stored turns, so a resumed conversation sees exactly the same messages) writes the user
// message, then the target answers from its own system prompt and the transcript.
import { setMaxListeners } from "node:events";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { textValueProblem } from "../../core/text-value-problem.js";
import { addUsage } from "../../core/usage/token-usage.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { createPersonaAgent } from "../../agents/create-persona-agent.js";
import { conversationKey, exchangeKey, type ExchangeRecord, type ExchangeRow } from "./exchange-record.js";
import type { Probe, ProbeCategory } from "./probe-schema.js";
import { usageRecord, type RoleModel } from "./role-model.js";
import type { StressSpec } from "./stress-spec.js";
import { STRESS_TARGET_PROMPT_VERSION, targetMessages, type ConversationTurn } from "./stress-target-prompt.js";
import { STRESS_USER_PROMPT_VERSION, clipWords, userMemory, userTurnPrompt } from "./stress-user-prompt.js";

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
}

/** rough tokens of one turn, for the budget guard */
const USER_OUT = 160;
const TARGET_OUT = 450;
const PER_EARLIER_TURN = USER_OUT + TARGET_OUT + 120;

export function exchangeTasks(o: ExchangeTasksOptions): KeyedTask<ExchangeRow>[] {
  const { spec } = o;
  const session = new Map<string, Promise<ExchangeRecord>>();
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
    estimateCostUsd({ modelSpec: o.users.spec, inputTokens: spec.profileTokens + 250 + (turn - 1) * PER_EARLIER_TURN, outputTokens: USER_OUT }, o.prices) +
    estimateCostUsd({ modelSpec: o.target.spec, inputTokens: systemTokens + (turn - 1) * PER_EARLIER_TURN + USER_OUT, outputTokens: TARGET_OUT }, o.prices);

  const earlier = async (persona: Persona, probe: Probe, turn: number): Promise<ExchangeRecord[]> => {
    const out: ExchangeRecord[] = [];
    for (let k = 1; k < turn; k++) {
      const key = exchangeKey(persona.id, probe.id, k);
      let record = o.done.get(key);
      if (!record) {
        const pending = session.get(key);
        if (!pending) throw new Error(`turn ${k} of ${conversationKey(persona.id, probe.id)} was not run before turn ${turn}`);
        try {
          record = await pending;
        } catch (err) {
          throw new Error(`turn ${k} of ${conversationKey(persona.id, probe.id)} failed, so turn ${turn} cannot run: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      out.push(record);
    }
    return out;
  };

  const exchange = async (persona: Persona, probe: Probe, turn: number, key: string, signal: AbortSignal): Promise<ExchangeRow> => {
    const history = await earlier(persona, probe, turn);
    const thread = conversationKey(persona.id, probe.id);
    const agent = createPersonaAgent({ profile: profileOf(persona), client: o.users });
    const texts = history.map((h) => ({ user: h.user.text, assistant: h.assistant.text }));
    if (texts.length > 0) {
      await agent.graph.updateState({ configurable: { thread_id: thread } }, { messages: userMemory(probe, texts, spec.turns, spec.maxUserWords) }, "speak");
    }
    const prompt = userTurnPrompt({ probe, turn, turns: spec.turns, maxWords: spec.maxUserWords, ...(turn > 1 ? { reply: texts.at(-1)?.assistant ?? "" } : {}) });
    let said = await agent.speak(prompt, { key: `${key}/user`, threadId: thread, signal });
    let problem = textValueProblem(said.text);
    let userAttempts = said.call.attempts;
    if (problem) {
      // one repair of an empty / punctuation-only user turn; still unusable → recorded invalid
      const first = said.call.usage;
      const note = `${prompt}\n\nYour last message was not usable (${problem}). Write it in words.`;
      said = await agent.speak(note, { key: `${key}/user/repair`, threadId: thread, signal });
      said = { ...said, call: { ...said.call, usage: addUsage(first, said.call.usage) } };
      userAttempts += said.call.attempts;
      problem = textValueProblem(said.text);
    }
    const user = clipWords(said.text, spec.maxUserWords);

    const conversation: ConversationTurn[] = [
      ...texts.flatMap((t) => [
        { role: "user" as const, text: t.user },
        { role: "assistant" as const, text: t.assistant },
      ]),
      { role: "user", text: user.text },
    ];
    const reply = await o.target.text({
      key: `${key}/target`,
      messages: targetMessages({ system: spec.targetSystem.text, turns: conversation }),
      promptVersion: STRESS_TARGET_PROMPT_VERSION,
      signal,
    });
    return {
      run_id: o.runId,
      persona_id: persona.id,
      country: persona.country,
      probe_id: probe.id,
      category: probe.category,
      turn,
      user: {
        text: user.text,
        clipped: user.clipped,
        model: o.users.spec,
        usage: usageRecord(said.call.usage),
        latency_ms: Math.round(said.call.latencyMs),
        temperature: o.users.sampling.temperature,
        top_p: o.users.sampling.topP,
        attempts: userAttempts,
        prompt_version: `${said.call.promptVersion}+${STRESS_USER_PROMPT_VERSION}`,
        ...(problem ? { status: "invalid" as const, reason: problem } : {}),
      },
      assistant: {
        text: reply.text,
        model: o.target.spec,
        usage: usageRecord(reply.usage),
        latency_ms: Math.round(reply.latencyMs),
        temperature: o.target.sampling.temperature,
        top_p: o.target.sampling.topP,
        attempts: reply.attempts,
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
            // the scheduler hands every task the same signal: one listener per call in flight
            setMaxListeners(0, signal);
            const row = exchange(persona, probe, turn, key, signal);
            // registered before the first await, so the next turn (started later) finds it
            const shared = row.then((r) => ({ key, ...r }));
            shared.catch(() => undefined);
            session.set(key, shared);
            if (turn === spec.turns) {
              const forget = () => {
                for (let k = 1; k <= spec.turns; k++) session.delete(exchangeKey(persona.id, probe.id, k));
              };
              row.then(forget, forget);
            }
            return row;
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
