// report.md and report.html of any run directory — survey run (WVS items or Big Five), discuss,
// stress — built from what the run wrote: manifest.json (which kind, its config, data versions,
// usage), metrics.json (never recomputed) and the records the details quote (responses, turns,
// judgements, conversations, personas). the scenarios' finalize steps write their reports through
// this builder and `deeppersona report DIR` calls it again, so a finished run's report is rebuilt
// byte for byte. the only inputs a finalize step passes are what it knows before the store
// finishes: the usage block finish will write and the survey's resolved items.
import { join, isAbsolute, resolve } from "node:path";
import { existsSync } from "node:fs";
import { UsageError } from "../../core/errors.js";
import { markdownSafe } from "../../core/sanitize/escape-markdown.js";
import type { RunManifest } from "../../core/store/run-manifest.js";
import { writeTextAtomic } from "../../core/store/write-text-atomic.js";
import { PERSONAS_FILE } from "../../persona-engine/engine/run-persona-generation.js";
import { PersonaSchema, type Persona } from "../../persona-engine/persona/persona-schema.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { getItem } from "../../surveys/load-instrument.js";
import { loadWvsReferenceTable } from "../../surveys/references/load-reference.js";
import { looksLikeFile, resolveInstrument } from "../../surveys/resolve-instrument.js";
import { discussionReport, discussionReportHtml } from "../discussion/discussion-report.js";
import { DiscussionSpecSchema } from "../discussion/discussion-spec.js";
import type { DiscussionMetrics } from "../discussion/discussion-metrics.js";
import { planDiscussion } from "../discussion/plan-discussion.js";
import { TURNS_FILE, TurnRecordSchema } from "../discussion/turn-record.js";
import { CONVERSATIONS_FILE, ConversationRecordSchema } from "../stress/conversation-record.js";
import { JUDGEMENTS_FILE, JudgementRecordSchema } from "../stress/judgement-record.js";
import { stressReport, stressReportHtml } from "../stress/stress-report.js";
import type { StressMetrics } from "../stress/stress-metrics.js";
import { RESPONSES_FILE, ResponseRecordSchema } from "../survey/response-record.js";
import { surveyCost, surveyCostMarkdown } from "../survey/survey-cost.js";
import type { SurveyMetrics } from "../survey/survey-metrics.js";
import { surveyReport, surveyReportHtml } from "../survey/survey-report.js";
import { dataSourceFacts, populationCitations, type Citation } from "./data-source-facts.js";
import { readRunManifest, readRunMetrics, readRunRecords } from "./read-run-files.js";
import { withMarkdownContents, withoutLocalPaths } from "./report-page.js";

export const RUN_REPORT_MD = "report.md";
export const RUN_REPORT_HTML = "report.html";

export type RunReportKind = "survey" | "discussion" | "stress";

export interface RunReportOptions {
  /** the directory as the user typed it (messages) */
  shown?: string;
  /** the usage block the store's finish will write (finalize); default: manifest.json's */
  usage?: unknown;
  /** survey: the items the run asked (finalize); default: resolved from the manifest's instrument */
  items?: readonly SurveyItem[];
  /** where a relative custom instrument path is resolved (default: the process's directory) */
  cwd?: string;
}

export interface RunReport {
  kind: RunReportKind;
  md: string;
  html: string;
}

const KINDS = new Map<string, RunReportKind>([
  ["survey run", "survey"],
  ["demo", "survey"],
  ["discuss", "discussion"],
  ["stress", "stress"],
]);

/** what a run's own builder gives: report.md, report.html around the run facts, and the sources it cites */
interface Built {
  md: string;
  html: (facts: [string, string][]) => string;
  citations: Citation[];
}

interface Run {
  dir: string;
  shown: string;
  manifest: RunManifest;
  personas: readonly Persona[];
  usage: unknown;
  options: RunReportOptions;
}

export function buildRunReport(dir: string, options: RunReportOptions = {}): RunReport {
  const shown = options.shown ?? dir;
  const manifest = readRunManifest(dir, shown);
  const kind = KINDS.get(manifest.command);
  if (!kind) throw new UsageError(`'${shown}' is a ${manifest.command} run; reports are built for survey run, discuss and stress runs`);
  const metrics = readRunMetrics(dir, shown);
  const usage = options.usage ?? manifest.usage;
  const personas = readRunRecords(dir, PERSONAS_FILE, PersonaSchema, shown);
  const run: Run = { dir, shown, manifest, personas, usage, options };
  const built =
    kind === "survey"
      ? surveyReports(run, metrics as unknown as SurveyMetrics)
      : kind === "discussion"
        ? discussionReports(run, metrics as unknown as DiscussionMetrics)
        : stressReports(run, metrics as unknown as StressMetrics);
  const generated = manifest.data_versions.taxonomy !== undefined;
  const citations = [...built.citations, ...(generated ? populationCitations([...new Set(personas.map((p) => p.country))]) : [])];
  return {
    kind,
    md: withMarkdownContents(withoutLocalPaths(markdownSafe(built.md))),
    html: withoutLocalPaths(built.html(dataSourceFacts(manifest, citations, usage))),
  };
}

/** builds both reports and writes them atomically into the run directory */
export async function writeRunReport(
  dir: string,
  options: RunReportOptions = {},
): Promise<RunReport & { files: { report: string; html: string } }> {
  const report = buildRunReport(dir, options);
  const files = { report: join(dir, RUN_REPORT_MD), html: join(dir, RUN_REPORT_HTML) };
  await writeTextAtomic(files.report, report.md);
  await writeTextAtomic(files.html, report.html);
  return { ...report, files };
}

function surveyReports({ dir, shown, manifest, usage, options }: Run, m: SurveyMetrics): Built {
  const config = manifest.config as { instrument?: unknown; reference?: unknown };
  const items = options.items ?? surveyItems(m, config.instrument, options.cwd ?? process.cwd(), shown);
  const rows = readRunRecords(dir, RESPONSES_FILE, ResponseRecordSchema, shown);
  const cost = usage ? surveyCost(usageTotals(usage), rows) : undefined;
  const wvs = m.kind === "item-distributions" && !config.reference ? loadWvsReferenceTable() : undefined;
  return {
    md: surveyReport(m, items) + (cost ? surveyCostMarkdown(cost) : ""),
    html: (facts) => surveyReportHtml(m, items, wvs, { facts }),
    citations: [
      ...(wvs ? [wvs.provenance] : []),
      ...(m.kind === "trait-means" ? [{ source: m.reference.source }] : []),
      ...(config.reference ? [{ source: "your own reference answers (--reference)" }] : []),
    ],
  };
}

/** the asked items from the manifest's instrument (a shipped id or the questionnaire file) */
function surveyItems(m: SurveyMetrics, instrument: unknown, cwd: string, shown: string): SurveyItem[] {
  const arg = typeof instrument === "string" ? instrument : "wvs";
  if (looksLikeFile(arg) && !existsSync(isAbsolute(arg) ? arg : resolve(cwd, arg))) {
    throw new UsageError(
      `the instrument file '${arg}' of run '${shown}' is not found from ${cwd}; run the report from the directory the run was started in`,
    );
  }
  const loaded = resolveInstrument(cwd, arg);
  const ids = m.kind === "item-distributions" ? m.items : loaded.items.map((i) => i.id);
  return ids.flatMap((id) => (loaded.items.some((i) => i.id === id) ? [getItem(loaded, id)] : []));
}

/** the manifest's usage block as the meter's totals (surveyCost reads those) */
function usageTotals(usage: unknown) {
  const u = (usage ?? {}) as Record<string, unknown>;
  const n = (k: string) => (typeof u[k] === "number" ? (u[k] as number) : 0);
  return {
    calls: n("calls"),
    cacheHits: n("cache_hits"),
    failedCalls: n("failed_calls"),
    inputTokens: n("input_tokens"),
    cachedInputTokens: n("cached_input_tokens"),
    outputTokens: n("output_tokens"),
    costUsd: n("cost_usd"),
    priced: u.priced !== false,
  } as Parameters<typeof surveyCost>[0];
}

function discussionReports({ dir, shown, manifest, personas }: Run, m: DiscussionMetrics): Built {
  const parsed = DiscussionSpecSchema.safeParse(manifest.config);
  if (!parsed.success) throw new UsageError(`'${shown}/manifest.json' holds no valid discuss config; rerun the command with --force`);
  const spec = parsed.data;
  const turns = readRunRecords(dir, TURNS_FILE, TurnRecordSchema, shown);
  const input = { metrics: m, turns, plan: planDiscussion(personas, spec), spec, personas };
  return {
    md: discussionReport(input),
    html: (facts) => discussionReportHtml(input, { facts }),
    citations: m.items.some((i) => i.instrument !== "custom") ? [loadWvsReferenceTable().provenance] : [],
  };
}

function stressReports({ dir, shown, personas }: Run, m: StressMetrics): Built {
  const data = {
    judgements: readRunRecords(dir, JUDGEMENTS_FILE, JudgementRecordSchema, shown),
    conversations: readRunRecords(dir, CONVERSATIONS_FILE, ConversationRecordSchema, shown),
    personas,
  };
  return {
    md: stressReport(m, data),
    html: (facts) => stressReportHtml(m, data, { facts }),
    citations: [{ source: `probe templates ${m.probe_set}, written for this project`, licence: "MIT" }],
  };
}
