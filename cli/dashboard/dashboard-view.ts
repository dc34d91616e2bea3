// view state → what the components draw: header, phase progress with rates, the distribution of
// the selected item × country per arm next to the WVS-7 reference (with JS distances), the KS/JS
// table per item for the selected country, the last errors. pure: metrics come from the folded
// counts with the surveys' categorical recipe (compareCategorical, no bootstrap); references
// come from `context.reference` (a lookup into the shipped tables).
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { itemOptions } from "../../surveys/item-codes.js";
import { compareCategorical, type CategoricalComparison } from "../../surveys/metrics/compare-categorical.js";
import { REFERENCE_SERIES, type ChartSeries } from "../../scenarios/survey/item-chart-data.js";
import { sanitizeForTerminal } from "../../core/sanitize/sanitize-for-terminal.js";
import { batchProgressText } from "../batch-knobs.js";
import { totalUsage, type DashboardState, type ErrorEntry, type Usage } from "./dashboard-state.js";
import { discussionView, type DiscussionView } from "./discussion-view.js";
import { stressView, type StressView } from "./stress-view.js";
import { traitView, type DashboardTrait, type TraitTableView } from "./trait-view.js";

/** which panel the dashboard shows under the header */
export type DashboardKind = "survey" | "discussion" | "stress";

export function dashboardKind(command: string | null): DashboardKind {
  return command === "discuss" ? "discussion" : command === "stress" ? "stress" : "survey";
}

export interface DashboardReference {
  codes: readonly number[];
  shares: readonly number[];
  n: number | null;
  year: string | null;
  quality: string;
}

export interface DashboardContext {
  command: string;
  model: string;
  /** the offline model answered: label everything synthetic */
  synthetic: boolean;
  /** the items asked, in order (codes, labels, titles) */
  items: readonly SurveyItem[];
  /** arm order (default: as met in events) */
  arms?: readonly string[];
  /** country order as the run names them (ISO3 match; others follow as met in events) */
  countries?: readonly string[];
  reference(country: string, item: string): DashboardReference | undefined;
  /** a discussion's planned rounds */
  rounds?: number;
  /** the run's --budget-usd */
  budgetUsd?: number;
  /** metrics.json of a finished run (stress: bootstrap CIs, flagged segments) */
  metrics?: unknown;
  /** a trait-scored instrument (Big Five): the trait view replaces the KS/JS table */
  traits?: { traits: readonly DashboardTrait[]; scale: [number, number] };
}

export interface DashboardSelection {
  item: number;
  country: number;
}

export interface PhaseView {
  name: string;
  done: number;
  total: number;
  failed: number;
  perSecond: number | null;
  etaSeconds: number | null;
}

export interface DistributionView {
  item: string;
  title: string;
  country: string;
  /** "item 2/3 · country 1/2" */
  position: string;
  codes: { code: number; label: string }[];
  series: ChartSeries[];
  /** the reference's quality ("high quality"); null when there is no reference */
  reference: string | null;
}

export interface TableRow {
  item: string;
  title: string;
  selected: boolean;
  cells: { ks: number | null; js: number | null; n: number }[];
}

export interface DashboardView {
  header: {
    command: string;
    runId: string | null;
    model: string;
    synthetic: boolean;
    status: string;
    reason: string | null;
    sessions: number;
    elapsedSeconds: number | null;
    usage: Usage | null;
    recovered: number;
    budgetUsd: number | null;
    retries: number;
    repairs: number;
    /** the batch executor's last progress (--executor batch), sanitised */
    batch: string | null;
    /** the running phase's estimated seconds left (null: done, or the clock is frozen, e.g. offline) */
    etaSeconds: number | null;
  };
  kind: DashboardKind;
  discussion: DiscussionView | null;
  stress: StressView | null;
  phases: PhaseView[];
  statuses: { ok: number; refused: number; invalid: number };
  distribution: DistributionView | null;
  table: { country: string; arms: string[]; rows: TableRow[]; hidden: number } | null;
  /** Big Five runs: trait means per arm so far in the selected country */
  traits: TraitTableView | null;
  errors: ErrorEntry[];
  errorCount: number;
  budget: string[];
  cancelled: string | null;
}

/** the countries seen so far, in the run's order (ISO3 named by the run first, then as met) */
export function orderedCountries(state: DashboardState, context: Pick<DashboardContext, "countries">): string[] {
  const named = (context.countries ?? []).map((c) => c.toUpperCase());
  const rank = (c: string) => (named.includes(c) ? named.indexOf(c) : named.length);
  return state.countries
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

const wrap = (i: number, n: number) => (n === 0 ? 0 : ((i % n) + n) % n);

function compare(
  state: DashboardState,
  arm: string,
  country: string,
  item: SurveyItem,
  ref: DashboardReference | undefined,
): CategoricalComparison | null {
  const cell = state.answers[arm]?.[country]?.[item.id];
  if (!cell || !ref) return null;
  return compareCategorical(
    { counts: cell.codes, missing: cell.refused, invalid: cell.invalid },
    { codes: ref.codes, shares: ref.shares, n: ref.n },
    { item },
  );
}

export function dashboardView(
  state: DashboardState,
  context: DashboardContext,
  selection: DashboardSelection,
  options: { tableRows?: number } = {},
): DashboardView {
  const arms = [...(context.arms ?? []), ...state.arms.filter((a) => !context.arms?.includes(a))];
  const items = [...context.items];
  const countries = orderedCountries(state, context);
  const phases = state.phases.map((p) => {
    const seconds = (p.lastTs - p.startedTs) / 1000;
    const perSecond = seconds > 0 && p.sessionDone > 0 ? p.sessionDone / seconds : null;
    const left = p.total - p.done;
    return {
      name: p.name,
      done: p.done,
      total: p.total,
      failed: p.failed,
      perSecond,
      etaSeconds: perSecond && left > 0 ? left / perSecond : null,
    };
  });
  const header = {
    command: state.command ?? context.command,
    runId: state.runId,
    model: context.model,
    synthetic: context.synthetic,
    status: state.status,
    reason: state.reason,
    sessions: state.sessions,
    elapsedSeconds: state.sessionStartTs !== null && state.lastTs !== null ? (state.lastTs - state.sessionStartTs) / 1000 : null,
    usage: totalUsage(state),
    recovered: state.recovered,
    budgetUsd: context.budgetUsd ?? null,
    retries: state.retries,
    repairs: state.repairs,
    batch: state.batch ? clean(batchProgressText(state.batch)) : null,
    etaSeconds: state.status === "running" ? (phases[state.current]?.etaSeconds ?? null) : null,
  };
  const kind = dashboardKind(state.command ?? context.command);
  const base = {
    header,
    kind,
    discussion: kind === "discussion" ? discussionView(state, context.rounds ?? null) : null,
    stress: kind === "stress" ? stressView(state, context.metrics ?? null) : null,
    phases,
    statuses: state.statuses,
    // error, budget and cancel lines carry server and model text: sanitised for the terminal
    errors: state.errors.map((e) => ({
      ...e,
      message: clean(e.message),
      key: e.key === null ? null : clean(e.key),
      code: e.code === null ? null : clean(e.code),
    })),
    errorCount: state.errorCount,
    budget: state.budgetStops.map((b) => clean(b.message)),
    cancelled: state.cancelled === null ? null : clean(state.cancelled),
  };
  const item = items[wrap(selection.item, items.length)];
  const country = countries[wrap(selection.country, countries.length)];
  const traits = kind === "survey" && context.traits && country ? traitView(state, { ...context.traits, items, arms, country }) : null;
  if (kind !== "survey" || !item || !country) return { ...base, distribution: null, table: null, traits };

  const ref = context.reference(country, item.id);
  const codes = ref ? [...ref.codes] : itemOptions(item).map((o) => o.code);
  const label = (code: number) => itemOptions(item).find((o) => o.code === code)?.label ?? String(code);
  const series: ChartSeries[] = ref
    ? [{ name: `${REFERENCE_SERIES}${ref.year ? ` ${ref.year}` : ""}`, shares: [...ref.shares], n: ref.n, js: null, reference: true }]
    : [];
  for (const arm of arms) {
    const cell = state.answers[arm]?.[country]?.[item.id];
    const total = cell ? Object.values(cell.codes).reduce((a, b) => a + b, 0) : 0;
    const shares = total > 0 ? codes.map((c) => (cell?.codes[String(c)] ?? 0) / total) : null;
    series.push({ name: arm, shares, n: total, js: compare(state, arm, country, item, ref)?.js_distance ?? null, reference: false });
  }
  const distribution: DistributionView = {
    item: item.id,
    title: item.title,
    country,
    position: `item ${wrap(selection.item, items.length) + 1}/${items.length} · country ${wrap(selection.country, countries.length) + 1}/${countries.length}`,
    codes: codes.map((code) => ({ code, label: label(code) })),
    series,
    reference: ref ? `${ref.quality} quality` : null,
  };

  const limit = Math.max(1, options.tableRows ?? items.length);
  const selected = wrap(selection.item, items.length);
  const start = Math.max(0, Math.min(selected - Math.floor(limit / 2), items.length - limit));
  const rows = items.slice(start, start + limit).map((it) => {
    const itemRef = context.reference(country, it.id);
    return {
      item: it.id,
      title: it.title,
      selected: it.id === item.id,
      cells: arms.map((arm) => {
        const cmp = compare(state, arm, country, it, itemRef);
        return { ks: cmp?.ks ?? null, js: cmp?.js_distance ?? null, n: state.answers[arm]?.[country]?.[it.id]?.ok ?? 0 };
      }),
    };
  });
  return { ...base, distribution, table: traits ? null : { country, arms, rows, hidden: items.length - rows.length }, traits };
}

const clean = (text: string): string => sanitizeForTerminal(text, { singleLine: true });
