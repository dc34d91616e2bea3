// THE dashboard reducer: folds one run event into the view state, purely (the old state is never
// mutated; unchanged branches are shared). replaying events.jsonl from the start, or feeding
// events live as the store writes them, gives the same state. resumes: a second run-start opens
// a new session (usage and rates restart; counts carry on), its tasks-start resets the phase to
// the records already on disk. unknown event types are counted and otherwise ignored.
import type { BatchProgressEvent } from "../../core/model/model-client.js";
import type { RunEvent } from "../../core/store/run-event.js";
import {
  MAX_ERRORS,
  MAX_TAIL,
  initialDashboardState,
  type CategoryCounts,
  type CellCounts,
  type DashboardState,
  type PhaseState,
} from "./dashboard-state.js";

type AnyEvent = Pick<RunEvent, "type" | "seq" | "ts"> & Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const phaseName = (file: string) => file.replace(/\.jsonl$/, "");
const appendNew = (list: string[], value: string) => (list.includes(value) ? list : [...list, value]);

export function foldRunEvent(state: DashboardState, event: RunEvent | AnyEvent): DashboardState {
  const e = event as AnyEvent;
  let next: DashboardState = { ...state, events: state.events + 1, lastTs: num(e.ts) ?? state.lastTs };
  const tokens = num(e.tokens);
  if (tokens !== null && e.type !== "run-start") next.usageSession = { tokens, costUsd: num(e.cost_usd) ?? 0 };
  switch (e.type) {
    case "run-start": {
      const prior = state.usageSession;
      next = {
        ...next,
        runId: str(e.run_id) ?? state.runId,
        command: str(e.command) ?? state.command,
        status: "running",
        reason: null,
        cancelled: null,
        sessions: state.sessions + 1,
        sessionStartTs: num(e.ts),
        usagePrior: prior
          ? { tokens: state.usagePrior.tokens + prior.tokens, costUsd: state.usagePrior.costUsd + prior.costUsd }
          : state.usagePrior,
        usageSession: null,
      };
      break;
    }
    case "tasks-start": {
      const file = str(e.file) ?? "tasks.jsonl";
      const already = num(e.already_done) ?? 0;
      const name = phaseOf(state, file);
      const phase: PhaseState = {
        name,
        file,
        total: num(e.total) ?? 0,
        done: already,
        alreadyDone: already,
        sessionDone: 0,
        failed: 0,
        startedTs: num(e.ts) ?? 0,
        lastTs: num(e.ts) ?? 0,
      };
      const at = state.phases.findIndex((p) => p.name === name);
      const phases = at < 0 ? [...state.phases, phase] : state.phases.map((p, i) => (i === at ? phase : p));
      next = { ...next, phases, current: at < 0 ? phases.length - 1 : at };
      break;
    }
    case "persona-done": {
      next = bumpPhase(next, "personas", num(e.ts));
      const country = str(e.country);
      if (country) {
        next.countries = appendNew(next.countries, country);
        next.personasByCountry = { ...next.personasByCountry, [country]: (next.personasByCountry[country] ?? 0) + 1 };
      }
      break;
    }
    case "task-done": {
      const file = str(e.file) ?? "";
      next = bumpPhase(next, phaseName(file), num(e.ts));
      if (file === "turns.jsonl") next = foldTurn(next, e);
      else if (file === "exchanges.jsonl") next.stress = { ...next.stress, exchanges: next.stress.exchanges + 1 };
      else if (file === "conversations.jsonl") next.stress = { ...next.stress, conversations: next.stress.conversations + 1 };
      else if (file === "judgements.jsonl") next = foldJudgement(next, e);
      break;
    }
    case "response": {
      const measurePhase = str(e.phase);
      if (measurePhase === "pre" || measurePhase === "post") next = foldMeasure(bumpPhase(next, measurePhase, num(e.ts)), e, measurePhase);
      else next = foldResponse(bumpPhase(next, "responses", num(e.ts)), e);
      break;
    }
    case "retry":
      next.retries = state.retries + 1;
      break;
    case "repair":
      next.repairs = state.repairs + 1;
      break;
    case "batch":
      next.batch = batchOf(e) ?? state.batch;
      break;
    case "error": {
      const entry = { seq: e.seq, key: str(e.key), code: str(e.code), message: str(e.message) ?? "" };
      next.errors = [...state.errors, entry].slice(-MAX_ERRORS);
      next.errorCount = state.errorCount + 1;
      if (state.current >= 0)
        next.phases = state.phases.map((p, i) => (i === state.current ? { ...p, failed: p.failed + 1, lastTs: num(e.ts) ?? p.lastTs } : p));
      break;
    }
    case "budget":
      next.budgetStops = [
        ...state.budgetStops,
        { seq: e.seq, message: str(e.message) ?? "budget cap reached", estimateUsd: num(e.estimate_usd) },
      ];
      break;
    case "cancelled":
      next.cancelled = str(e.message) ?? "cancelled";
      break;
    case "recovered":
      next.recovered = state.recovered + 1;
      break;
    case "run-end": {
      const status = str(e.status);
      next.status = status === "complete" || status === "incomplete" || status === "failed" ? status : state.status;
      next.reason = str(e.reason);
      break;
    }
    default:
      break;
  }
  return next;
}

/** the phase a tasks-start opens: its file's name, except a discussion's measures.jsonl, which
 *  is "pre" before the turns and "post" after them (each session runs the phases in order) */
function phaseOf(state: DashboardState, file: string): string {
  if (file !== "measures.jsonl") return phaseName(file);
  return state.phases[state.current]?.name === "turns" ? "post" : "pre";
}

/** one more record in the phase `name` (when it has started) */
function bumpPhase(state: DashboardState, name: string, ts: number | null): DashboardState {
  const at = state.phases.findIndex((p) => p.name === name);
  if (at < 0) return state;
  const phases = state.phases.map((p, i) =>
    i === at ? { ...p, done: p.done + 1, sessionDone: p.sessionDone + 1, lastTs: ts ?? p.lastTs } : p,
  );
  return { ...state, phases };
}

/** an answer's status into the run's counts */
function countStatus(state: DashboardState, status: string | null): DashboardState {
  if (status !== "ok" && status !== "refused" && status !== "invalid") return { ...state };
  return { ...state, statuses: { ...state.statuses, [status]: state.statuses[status] + 1 } };
}

/** one answer into its cell: an ok answer adds its code (a logprob answer: its probabilities) */
const BATCH_STAGES = ["created", "status", "done", "resubmit"] as const;

/** a batch event's fields that are what they should be (the events file is read, not trusted) */
function batchOf(e: AnyEvent): BatchProgressEvent | null {
  const stage = BATCH_STAGES.find((s) => s === e.stage);
  if (!stage) return null;
  const out: BatchProgressEvent = { type: "batch", stage };
  for (const k of ["batch", "status"] as const) if (str(e[k]) !== null) out[k] = str(e[k]) as string;
  for (const k of ["round", "requests", "answered", "errored", "missing", "rejected"] as const)
    if (num(e[k]) !== null) out[k] = num(e[k]) as number;
  return out;
}

function countAnswer(cell: CellCounts = { codes: {}, ok: 0, refused: 0, invalid: 0 }, status: string | null, e: AnyEvent): CellCounts {
  if (status === "refused" || status === "invalid") return { ...cell, [status]: cell[status] + 1 };
  if (status !== "ok") return { ...cell };
  const probs = e.probs && typeof e.probs === "object" ? (e.probs as Record<string, unknown>) : null;
  const codes = { ...cell.codes };
  if (probs) for (const [code, p] of Object.entries(probs)) codes[code] = (codes[code] ?? 0) + (num(p) ?? 0);
  else if (num(e.value) !== null) codes[String(e.value)] = (codes[String(e.value)] ?? 0) + 1;
  return { ...cell, ok: cell.ok + 1, codes };
}

function foldResponse(state: DashboardState, e: AnyEvent): DashboardState {
  const status = str(e.status);
  const next = countStatus(state, status);
  const arm = str(e.arm);
  const country = str(e.country);
  const item = str(e.item) ?? str(e.item_id);
  // events of runs written before arm/country/value were added: statuses and progress only
  if (!arm || !country || !item) return next;
  next.arms = appendNew(state.arms, arm);
  next.countries = appendNew(state.countries, country);
  next.items = appendNew(state.items, item);
  const byCountry = state.answers[arm] ?? {};
  const byItem = byCountry[country] ?? {};
  const cell = countAnswer(byItem[item], status, e);
  next.answers = { ...state.answers, [arm]: { ...byCountry, [country]: { ...byItem, [item]: cell } } };
  return next;
}

/** a discussion's pre or post answer (value: from the event or, replayed, from measures.jsonl) */
function foldMeasure(state: DashboardState, e: AnyEvent, phase: "pre" | "post"): DashboardState {
  const status = str(e.status);
  const next = countStatus(state, status);
  const arm = str(e.arm);
  const item = str(e.item) ?? str(e.item_id);
  if (!arm || !item) return next;
  const d = state.discussion;
  const byPhase = d.measures[arm] ?? {};
  const byItem = byPhase[phase] ?? {};
  const cell = countAnswer(byItem[item], status, e);
  next.items = appendNew(state.items, item);
  next.arms = appendNew(state.arms, arm);
  next.discussion = { ...d, measures: { ...d.measures, [arm]: { ...byPhase, [phase]: { ...byItem, [item]: cell } } } };
  return next;
}

/** a discussion turn: its group, round and (when known) text join the tail */
function foldTurn(state: DashboardState, e: AnyEvent): DashboardState {
  const d = state.discussion;
  const group = str(e.group) ?? "?";
  const round = num(e.round) ?? 0;
  const arm = str(e.arm);
  const entry = { group, round, turn: num(e.turn) ?? 0, persona: str(e.persona_id) ?? "?", text: str(e.text) };
  return {
    ...state,
    arms: arm ? appendNew(state.arms, arm) : state.arms,
    discussion: {
      ...d,
      groups: group in d.groups ? d.groups : { ...d.groups, [group]: arm ?? "" },
      roundByGroup: { ...d.roundByGroup, [group]: Math.max(d.roundByGroup[group] ?? 0, round) },
      turns: d.turns + 1,
      tail: [...d.tail, entry].slice(-MAX_TAIL),
    },
  };
}

/** a stress judgement: its category's counts and failure labels */
function foldJudgement(state: DashboardState, e: AnyEvent): DashboardState {
  const s = state.stress;
  const category = str(e.category) ?? "?";
  const cell: CategoryCounts = s.byCategory[category] ?? { judged: 0, invalid: 0, failed: 0, labels: {} };
  const failures = Array.isArray(e.failures) ? e.failures.filter((f): f is string => typeof f === "string") : [];
  const labels = { ...cell.labels };
  for (const f of failures) labels[f] = (labels[f] ?? 0) + 1;
  const invalid = str(e.status) === "invalid";
  const updated: CategoryCounts = {
    judged: cell.judged + 1,
    invalid: cell.invalid + (invalid ? 1 : 0),
    failed: cell.failed + (!invalid && failures.length > 0 ? 1 : 0),
    labels,
  };
  return {
    ...state,
    stress: {
      ...s,
      judgements: s.judgements + 1,
      categories: appendNew(s.categories, category),
      byCategory: { ...s.byCategory, [category]: updated },
    },
  };
}

/** folds a whole event list from the initial state */
export function foldRunEvents(events: readonly (RunEvent | AnyEvent)[], start: DashboardState = initialDashboardState()): DashboardState {
  return events.reduce<DashboardState>((s, e) => foldRunEvent(s, e), start);
}
