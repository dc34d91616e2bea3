// THE conversation engine: one LangGraph StateGraph, compiled once per engine, run per
// conversation on its own thread (thread_id = conversation id) with a checkpointer (MemorySaver by
// default). the graph, routed by Command: the node that ends a turn commits it (transcript,
// memory) and asks the policy for the next action, then goes to the node that runs it — one
// graph step a turn (two when repaired):
//   START → policy ─┬→ moderate ─→ (next)            (a moderator / system line, no call)
//                   ├→ speak ─┬→ (commit) → (next)   (next: moderate | speak | END)
//                   │         └→ repair → (commit) → (next)   (one more try at an unusable turn)
//                   └→ END                           (the policy's stop rule)
// the turn policy (turn-policy.ts) decides order, moderation, who hears whom and when to stop;
// the participants' speak functions are the model calls.
//   engine.turn(conversation, key, {recorded, signal}) — the coordinator's step: runs the graph
//     until the turn `key` is committed (pausing before the next speak) and returns it. Turns in
//     `recorded` (the run's table) are replayed through the same graph without a call, so a
//     resumed conversation rebuilds the state an uninterrupted one had and generates only the
//     missing turns; a missing turn other than `key` is an error (it was not run first).
//     turns of one conversation are queued in call order; after a failed turn the conversation's
//     later turns fail at once (their records are not written; --resume retries them).
//   engine.run(conversation, {recorded, signal}) — the whole conversation in one invoke.
// a finished conversation's checkpoints are deleted unless `keepFinished` (a run holds thousands).
import { Command, END, MemorySaver, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { addUsage } from "../../core/usage/token-usage.js";
import { ConversationState, type ConversationStateType, type ConversationUpdate, type TurnDraft } from "./conversation-state.js";
import type { Conversation, ConversationTurn, ConversationView, SpeakAction, TurnAction, TurnPolicy } from "./turn-policy.js";

/** graph steps one invoke may take (1 a turn, 2 when repaired): a policy that never stops ends here */
const MAX_STEPS = 10_000;

export interface ConversationEngineOptions {
  /** default a new MemorySaver */
  checkpointer?: BaseCheckpointSaver;
  /** keep a finished conversation's checkpoints (default false: deleted when it stops) */
  keepFinished?: boolean;
}

export interface TurnOptions {
  /** turns already in the run's table, by key: replayed, not generated */
  recorded?: ReadonlyMap<string, ConversationTurn>;
  signal?: AbortSignal | undefined;
}

export interface ConversationEngine {
  /** the compiled graph (getState / getStateHistory by thread_id) */
  readonly graph: ReturnType<typeof buildConversationGraph>;
  readonly checkpointer: BaseCheckpointSaver;
  /** the turn `key` of the conversation (and whether the conversation is over after it) */
  turn(conversation: Conversation, key: string, options?: TurnOptions): Promise<{ turn: ConversationTurn; finished: boolean }>;
  /** the whole conversation, to the policy's stop: its transcript and memory */
  run(conversation: Conversation, options?: TurnOptions): Promise<ConversationStateType>;
}

/** what one invoke of the graph works with (the run's context, never checkpointed) */
interface StepContext {
  conversation: Conversation;
  recorded: ReadonlyMap<string, ConversationTurn>;
  /** the one turn this step may generate (undefined: any) */
  wanted?: string;
}

const view = (s: ConversationStateType): ConversationView => ({ transcript: s.transcript, memory: s.memory, round: s.round });

function speakAction(s: ConversationStateType): SpeakAction {
  if (s.action?.kind !== "speak") throw new Error("conversation graph: no speak action pending");
  return s.action;
}

/** what a node gets besides the state: the run's context and signal */
interface NodeRuntime {
  context?: unknown;
  signal?: AbortSignal;
}

function contextOf(runtime: NodeRuntime | undefined): StepContext {
  const ctx = runtime?.context as StepContext | undefined;
  if (!ctx?.conversation) throw new Error("conversation graph invoked without its conversation");
  return ctx;
}

/** the node an action runs in (END for stop) */
function nodeFor(action: TurnAction): "moderate" | "speak" | typeof END {
  return action.kind === "moderate" ? "moderate" : action.kind === "speak" ? "speak" : END;
}

/** the state update that appends `turns` (and `memory`), with the policy's next action on the result, and the node it runs in */
function advance(
  s: ConversationStateType,
  policy: TurnPolicy,
  turns: ConversationTurn[],
  memory: Record<string, BaseMessage[]>,
  round: number,
) {
  const merged: Record<string, readonly BaseMessage[]> = { ...s.memory };
  for (const [id, messages] of Object.entries(memory)) merged[id] = [...(merged[id] ?? []), ...messages];
  const action = policy.next({ transcript: [...s.transcript, ...turns], memory: merged, round });
  return new Command({
    update: { transcript: turns, memory, round, action, draft: null, stopped: action.kind === "stop" },
    goto: nodeFor(action),
  });
}

/** the turn committed from a draft: replayed as recorded, or finished by the policy (text, problem, notes) */
function committedTurn(policy: TurnPolicy, action: SpeakAction, draft: TurnDraft): ConversationTurn {
  if (draft.recorded) return { ...draft.recorded, kind: "participant", round: action.round };
  const problem = policy.problem?.(action, draft.raw);
  const finished: { text: string; info?: Record<string, string | number | boolean> } = policy.finish?.(action, draft.raw) ?? {
    text: draft.raw,
  };
  return {
    key: action.key,
    kind: "participant",
    speaker: action.speaker,
    text: finished.text,
    round: action.round,
    ...(draft.call ? { call: draft.call } : {}),
    ...(draft.attempts === undefined ? {} : { attempts: draft.attempts }),
    ...(problem ? { problem } : {}),
    ...(finished.info ? { info: finished.info } : {}),
  };
}

/** commit: the turn into the transcript (and the speaker's memory, when the policy lets it remember), then on to the next action */
function commit(s: ConversationStateType, policy: TurnPolicy, action: SpeakAction, draft: TurnDraft) {
  const turn = committedTurn(policy, action, draft);
  const memory = policy.remembers?.(action)
    ? { [action.speaker]: [new HumanMessage(policy.hear(view(s), action).text), new AIMessage(turn.text)] }
    : {};
  return advance(s, policy, [turn], memory, action.round);
}

export function buildConversationGraph(checkpointer: BaseCheckpointSaver) {
  const ends = ["moderate", "speak", END];
  return new StateGraph(ConversationState)
    .addNode(
      "policy",
      (s: ConversationStateType, runtime?: NodeRuntime) => {
        const action = contextOf(runtime).conversation.policy.next(view(s));
        return new Command({ update: { action, stopped: action.kind === "stop" }, goto: nodeFor(action) });
      },
      { ends },
    )
    .addNode(
      "moderate",
      (s: ConversationStateType, runtime?: NodeRuntime) => {
        const a = s.action;
        if (a?.kind !== "moderate") throw new Error("conversation graph: no moderator action pending");
        return advance(
          s,
          contextOf(runtime).conversation.policy,
          [{ key: a.key, kind: "moderator", speaker: "moderator", text: a.text, round: a.round }],
          {},
          a.round,
        );
      },
      { ends },
    )
    .addNode(
      "speak",
      async (s: ConversationStateType, runtime?: NodeRuntime) => {
        const { conversation, recorded, wanted } = contextOf(runtime);
        const { policy } = conversation;
        const action = speakAction(s);
        const known = recorded.get(action.key);
        if (known) {
          if (known.speaker !== action.speaker)
            throw new Error(
              `turn ${action.key} of ${conversation.id}: the table has ${known.speaker} speaking, the policy ${action.speaker}`,
            );
          return commit(s, policy, action, { raw: known.text, repaired: false, recorded: known });
        }
        if (wanted !== undefined && action.key !== wanted)
          throw new Error(`turn ${action.key} of ${conversation.id} was not run before ${wanted}`);
        const heard = policy.hear(view(s), action);
        const spoken = await conversation.participant(action.speaker)(heard, { key: action.key, signal: runtime?.signal });
        const draft: TurnDraft = { raw: spoken.text, call: spoken.call, attempts: spoken.call.attempts, repaired: false };
        const problem = policy.problem?.(action, spoken.text);
        if (problem && policy.repair?.(action, heard, spoken.text, problem)) return new Command({ update: { draft }, goto: "repair" });
        return commit(s, policy, action, draft);
      },
      { ends: ["repair", ...ends] },
    )
    .addNode(
      "repair",
      async (s: ConversationStateType, runtime?: NodeRuntime) => {
        const { conversation } = contextOf(runtime);
        const { policy } = conversation;
        const action = speakAction(s);
        const draft = s.draft;
        if (!draft?.call) throw new Error("conversation graph: no spoken turn to repair");
        const problem = policy.problem?.(action, draft.raw) ?? "";
        const heard = policy.repair?.(action, policy.hear(view(s), action), draft.raw, problem);
        if (!heard) throw new Error("conversation graph: the policy repairs no such turn");
        const again = await conversation.participant(action.speaker)(heard, { key: `${action.key}/repair`, signal: runtime?.signal });
        const usage = addUsage(draft.call.usage, again.call.usage);
        return commit(s, policy, action, {
          raw: again.text,
          call: { ...again.call, usage },
          attempts: (draft.attempts ?? 0) + again.call.attempts,
          repaired: true,
        });
      },
      { ends },
    )
    .addEdge(START, "policy")
    .compile({ checkpointer });
}

export function createConversationEngine(options: ConversationEngineOptions = {}): ConversationEngine {
  const checkpointer = options.checkpointer ?? new MemorySaver();
  const graph = buildConversationGraph(checkpointer);
  // per conversation in this engine: its queue of turns, and the first turn that failed
  const lanes = new Map<string, { tail: Promise<unknown>; started: boolean; failed?: { key: string; error: unknown } }>();

  const invoke = async (
    conversation: Conversation,
    input: ConversationUpdate | null,
    ctx: StepContext,
    signal: AbortSignal | undefined,
    pause: boolean,
  ): Promise<ConversationStateType> => {
    // a per-invoke signal: LangGraph never removes the abort listener it adds to the given signal,
    // so a long-lived (run-wide) signal would collect one listener per call
    const local = new AbortController();
    const forward = () => local.abort(signal?.reason);
    if (signal?.aborted) local.abort(signal.reason);
    signal?.addEventListener("abort", forward, { once: true });
    try {
      return (await graph.invoke(input, {
        configurable: { thread_id: conversation.id },
        context: ctx as unknown as Record<string, unknown>,
        signal: local.signal,
        durability: "exit",
        recursionLimit: MAX_STEPS,
        ...(pause ? { interruptBefore: ["speak"] } : {}),
      })) as ConversationStateType;
    } finally {
      signal?.removeEventListener("abort", forward);
    }
  };
  const release = async (id: string) => {
    lanes.delete(id);
    if (!options.keepFinished) await checkpointer.deleteThread(id);
  };

  return {
    graph,
    checkpointer,
    turn(conversation, key, o = {}) {
      const own = lanes.get(conversation.id) ?? { tail: Promise.resolve(), started: false };
      lanes.set(conversation.id, own);
      const result = own.tail.then(async () => {
        if (own.failed) {
          const cause = own.failed.error instanceof Error ? own.failed.error.message : String(own.failed.error);
          throw new Error(`turn ${own.failed.key} failed, so ${key} cannot follow it (${cause})`);
        }
        try {
          const ctx: StepContext = { conversation, recorded: o.recorded ?? new Map(), wanted: key };
          // a fresh thread starts at the policy and pauses before its first speak; then each
          // resume (null input) speaks, commits, and pauses before the next speak or ends
          let state = await invoke(conversation, own.started ? null : { stopped: false }, ctx, o.signal, true);
          own.started = true;
          for (;;) {
            const turn = state.transcript.findLast((t) => t.kind === "participant" && t.key === key);
            if (turn) {
              if (state.stopped) await release(conversation.id);
              return { turn, finished: state.stopped };
            }
            if (state.stopped) throw new Error(`conversation ${conversation.id} ended before turn ${key}`);
            state = await invoke(conversation, null, ctx, o.signal, true);
          }
        } catch (err) {
          own.failed ??= { key, error: err };
          throw err;
        }
      });
      own.tail = result.catch(() => undefined);
      return result;
    },
    async run(conversation, o = {}) {
      const state = await invoke(conversation, { stopped: false }, { conversation, recorded: o.recorded ?? new Map() }, o.signal, false);
      await release(conversation.id);
      return state;
    },
  };
}
