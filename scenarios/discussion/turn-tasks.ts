// the turns phase's keyed tasks: one `speak` call per planned turn, in the plan's interleaved
// order. a turn depends on the earlier turns of its group, so each task first waits for its
// group's previous turn (a per-group chain of promises), then builds its transcript window from
// the group's turns so far: those already in turns.jsonl (resume) and those finished in this
// session. groups run concurrently, each group's turns strictly in order. the previous turn was
// scheduled before (earlier in the list), so a waiting task never waits on one that cannot start;
// if the previous turn fails, the rest of its group fails too (no record: --resume retries them).
import type { ModelClient } from "../../core/model/model-client.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import { setMaxListeners } from "node:events";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { addUsage } from "../../core/usage/token-usage.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { PersonaAgent } from "../../agents/create-persona-agent.js";
import { textValueProblem } from "../../core/text-value-problem.js";
import { DISCUSSION_TURN_PROMPT_VERSION, discussionTurnPrompt } from "../../agents/prompts/discussion-turn-prompt.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { moderatorMessage, type DiscussionPlan, type PlannedTurn } from "./plan-discussion.js";
import type { TurnRecord, TurnRow } from "./turn-record.js";
import { speakerLabels, transcriptWindow, type TranscriptTurn } from "./transcript-window.js";

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
}

/** a settled-once gate: the turn's promise, resolved or rejected when its task ends */
function gate(): { promise: Promise<void>; open(): void; fail(error: unknown): void } {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  promise.catch(() => undefined); // a failed last turn has no waiter
  return { promise, open, fail };
}

export function turnTasks(options: TurnTasksOptions): KeyedTask<TurnRow>[] {
  const { spec, plan, personas } = options;
  const persona = (id: string) => personas.get(id) as Persona;
  const labels = new Map<string, string>();
  for (const g of plan.groups) for (const [id, label] of speakerLabels(g.members.map((m) => persona(m)))) labels.set(id, label);
  const label = (id: string) => labels.get(id) ?? id;
  // per group, its turns by index: known texts (disk or this session)
  const history = new Map<string, (TranscriptTurn | undefined)[]>();
  const byKey = new Map(plan.turns.map((t) => [t.key, t]));
  for (const r of options.done) {
    const t = byKey.get(r.key);
    if (!t) continue;
    const list = history.get(t.group.id) ?? [];
    list[t.index] = { personaId: r.persona_id, speaker: label(r.persona_id), text: r.text };
    history.set(t.group.id, list);
  }
  const gates = new Map<string, ReturnType<typeof gate>>();
  const previous = new Map<string, PlannedTurn>();
  const last = new Map<string, PlannedTurn>();
  for (const t of plan.turns) {
    const prev = last.get(t.group.id);
    if (prev) previous.set(t.key, prev);
    last.set(t.group.id, t);
    if (!history.get(t.group.id)?.[t.index]) gates.set(t.key, gate());
  }
  // the profile and the transcript at their token budgets, the instructions, ≈ 2 tokens a word out
  const estimateUsd = estimateCostUsd({ modelSpec: options.client.spec, inputTokens: spec.profileTokens + spec.transcriptTokens + 250, outputTokens: spec.turnWords * 2 }, options.prices);

  return plan.turns.map((t): KeyedTask<TurnRow> => {
    const speaker = persona(t.personaId);
    return {
      key: t.key,
      estimateUsd,
      run: async (signal) => {
        const own = gates.get(t.key);
        try {
          const prev = previous.get(t.key);
          const waitFor = prev ? gates.get(prev.key) : undefined;
          if (prev && waitFor && !history.get(t.group.id)?.[prev.index]) {
            await waitFor.promise.catch((err: unknown) => {
              throw new Error(`turn ${prev.key} failed, so ${t.key} cannot follow it (${err instanceof Error ? err.message : String(err)})`);
            });
          }
          const list = history.get(t.group.id) ?? [];
          const before: TranscriptTurn[] = [];
          for (let i = 0; i < t.index; i++) {
            const earlier = list[i];
            if (!earlier) throw new Error(`turn ${t.key}: turn ${i + 1} of ${t.group.id} is missing`);
            before.push(earlier);
          }
          const view = transcriptWindow(before, {
            moderator: moderatorMessage(spec, t.group.arm),
            selfId: t.personaId,
            maxTurns: spec.transcriptTurns,
            maxTokens: spec.transcriptTokens,
            turnWords: spec.turnWords,
          });
          const prompt = discussionTurnPrompt({ topic: spec.topic, groupSize: t.group.members.length, transcript: view, round: t.round, rounds: spec.rounds, turnWords: spec.turnWords });
          setMaxListeners(0, signal);
          let res = await options.agentFor(speaker).speak(prompt, { key: t.key, threadId: t.key, signal });
          let problem = textValueProblem(res.text);
          let attempts = res.call.attempts;
          if (problem) {
            // one repair: an empty or punctuation-only turn is not a turn; then it is recorded invalid
            const usage = res.call.usage;
            res = await options.agentFor(speaker).speak(`${prompt}\n\nYour last reply was not usable (${problem}). Say your turn in words.`, { key: `${t.key}/repair`, threadId: t.key, signal });
            res = { ...res, call: { ...res.call, usage: addUsage(usage, res.call.usage) } };
            attempts += res.call.attempts;
            problem = textValueProblem(res.text);
          }
          const text = res.text.trim();
          list[t.index] = { personaId: t.personaId, speaker: label(t.personaId), text };
          history.set(t.group.id, list);
          own?.open();
          return {
            run_id: options.runId,
            arm: t.group.arm,
            group: t.group.id,
            country: t.group.country,
            round: t.round,
            turn: t.turn,
            persona_id: t.personaId,
            text,
            model: res.call.modelSpec,
            usage: { input_tokens: res.call.usage.inputTokens, output_tokens: res.call.usage.outputTokens, total_tokens: res.call.usage.totalTokens },
            latency_ms: Math.round(res.call.latencyMs),
            temperature: options.client.sampling.temperature,
            top_p: options.client.sampling.topP,
            prompt_version: `${res.call.promptVersion}+${DISCUSSION_TURN_PROMPT_VERSION}`,
            attempts,
            ...(problem ? { status: "invalid" as const, reason: problem } : {}),
          };
        } catch (err) {
          own?.fail(err);
          throw err;
        }
      },
    };
  });
}
