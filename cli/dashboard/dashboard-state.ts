// the dashboard's view state: everything folded from a run's events (foldRunEvent), nothing
// else. plain json-like data, replaced (never mutated) on every event.
import type { BatchProgressEvent } from "../../core/model/model-client.js";

/** one keyed phase of the run ("personas", "responses"), from its tasks-start event on */
export interface PhaseState {
  name: string;
  file: string;
  total: number;
  /** records in the file: done before this session + done in it */
  done: number;
  alreadyDone: number;
  /** done in this session (the rate's numerator) */
  sessionDone: number;
  /** failed tasks in this session (error events) */
  failed: number;
  /** ts of this session's tasks-start and of its latest event */
  startedTs: number;
  lastTs: number;
}

/** answers of one arm × country × item */
export interface CellCounts {
  /** code → count of ok answers (logprob runs: summed probabilities) */
  codes: Record<string, number>;
  ok: number;
  refused: number;
  invalid: number;
}

export interface ErrorEntry {
  seq: number;
  key: string | null;
  code: string | null;
  message: string;
}

export interface Usage {
  tokens: number;
  costUsd: number;
}

/** one spoken turn of a discussion (text only when the event or turns.jsonl carried it) */
export interface TurnEntry {
  group: string;
  round: number;
  turn: number;
  persona: string;
  text: string | null;
}

/** a discuss run: groups, rounds, the last turns, pre/post answers per arm × item */
export interface DiscussionState {
  /** group → arm, in order of first turn */
  groups: Record<string, string>;
  /** group → highest round with a turn */
  roundByGroup: Record<string, number>;
  turns: number;
  /** the last few turns, oldest first */
  tail: TurnEntry[];
  /** arm → "pre" | "post" → item → answers */
  measures: Record<string, Record<string, Record<string, CellCounts>>>;
}

/** one stress category's judgements */
export interface CategoryCounts {
  judged: number;
  invalid: number;
  /** ok judgements with at least one failure label */
  failed: number;
  /** "dimension=label" → count */
  labels: Record<string, number>;
}

/** a stress run: judgements per category in order of first appearance */
export interface StressState {
  exchanges: number;
  conversations: number;
  judgements: number;
  categories: string[];
  byCategory: Record<string, CategoryCounts>;
}

export const MAX_TAIL = 6;

export type DashboardStatus = "waiting" | "running" | "complete" | "incomplete" | "failed";

export interface DashboardState {
  runId: string | null;
  command: string | null;
  status: DashboardStatus;
  reason: string | null;
  /** run-start events seen (1 + resumes) */
  sessions: number;
  sessionStartTs: number | null;
  lastTs: number | null;
  phases: PhaseState[];
  /** index into `phases` of the phase running now, -1 before the first */
  current: number;
  statuses: { ok: number; refused: number; invalid: number };
  /** in order of first appearance */
  arms: string[];
  countries: string[];
  items: string[];
  /** arm → country → item */
  answers: Record<string, Record<string, Record<string, CellCounts>>>;
  personasByCountry: Record<string, number>;
  /** the last few errors, oldest first */
  errors: ErrorEntry[];
  errorCount: number;
  budgetStops: { seq: number; message: string; estimateUsd: number | null }[];
  cancelled: string | null;
  /** torn or invalid jsonl lines cut or ignored on resume */
  recovered: number;
  /** usage of finished sessions, and of this session as last reported */
  usagePrior: Usage;
  usageSession: Usage | null;
  /** events folded */
  events: number;
  /** transient retries and repair requests of the model client */
  retries: number;
  repairs: number;
  /** the last progress event of the OpenAI batch executor (--executor batch) */
  batch: BatchProgressEvent | null;
  discussion: DiscussionState;
  stress: StressState;
}

export const MAX_ERRORS = 5;

export function initialDashboardState(): DashboardState {
  return {
    runId: null,
    command: null,
    status: "waiting",
    reason: null,
    sessions: 0,
    sessionStartTs: null,
    lastTs: null,
    phases: [],
    current: -1,
    statuses: { ok: 0, refused: 0, invalid: 0 },
    arms: [],
    countries: [],
    items: [],
    answers: {},
    personasByCountry: {},
    errors: [],
    errorCount: 0,
    budgetStops: [],
    cancelled: null,
    recovered: 0,
    usagePrior: { tokens: 0, costUsd: 0 },
    usageSession: null,
    events: 0,
    retries: 0,
    repairs: 0,
    batch: null,
    discussion: { groups: {}, roundByGroup: {}, turns: 0, tail: [], measures: {} },
    stress: { exchanges: 0, conversations: 0, judgements: 0, categories: [], byCategory: {} },
  };
}

/** usage over every session (null when no event carried usage) */
export function totalUsage(state: DashboardState): Usage | null {
  if (!state.usageSession && state.usagePrior.tokens === 0 && state.usagePrior.costUsd === 0) return null;
  const s = state.usageSession ?? { tokens: 0, costUsd: 0 };
  return { tokens: state.usagePrior.tokens + s.tokens, costUsd: state.usagePrior.costUsd + s.costUsd };
}
