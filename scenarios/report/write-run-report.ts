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
import { discussionReport } from "../discussion/discussion-report.js";
import { discussionReportHtml } from "../discussion/discussion-report-html.js";
import { DiscussionSpecSchema } from "../discussion/discussion-spec.js";
import type { DiscussionMetrics } from "../discussion/discussion-metrics.js";
import { planDiscussion } from "../discussion/plan-discussion.js";
import { TURNS_FILE, TurnRecordSchema } from "../discussion/turn-record.js";
import { CONVERSATIONS_FILE, ConversationRecordSchema } from "../stress/conversation-record.js";
import { JUDGEMENTS_FILE, JudgementRecordSchema } from "../stress/judgement-record.js";
import { stressReport } from "../stress/stress-report.js";
import { stressReportHtml } from "../stress/stress-report-html.js";
import type { StressMetrics } from "../stress/stress-metrics.js";
import { RESPONSES_FILE, ResponseRecordSchema } from "../survey/response-record.js";
import { surveyCost, surveyCostMarkdown } from "../survey/survey-cost.js";
import type { SurveyMetrics } from "../survey/survey-metrics.js";
import { surveyReport } from "../survey/survey-report.js";
import { surveyReportHtml } from "../survey/survey-report-html.js";
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

export function runReportKind(command: string): RunReportKind | null {
  if (command === "survey run" || command === "demo") return "survey";
  if (command === "discuss") return "discussion";
  if (command === "stress") return "stress";
  return null;
}

export function buildRunReport(dir: string, options: RunReportOptions = {}): RunReport {
  const shown = options.shown ?? dir;
  const manifest = readRunManifest(dir, shown);
  const kind = runReportKind(manifest.command);
  if (!kind) throw new UsageError(`'${shown}' is a ${manifest.command} run; reports are built for survey run, discuss and stress runs`);
  const metrics = readRunMetrics(dir, shown);
  const usage = options.usage ?? manifest.usage;
  const personas = readRunRecords(dir, PERSONAS_FILE, PersonaSchema, shown);
  const generated = manifest.data_versions.taxonomy !== undefined;
  const built =
    kind === "survey"
      ? surveyReports(dir, manifest, metrics as unknown as SurveyMetrics, personas, generated, usage, options)
      : kind === "discussion"
        ? discussionReports(dir, manifest, metrics as unknown as DiscussionMetrics, personas, generated, usage, shown)
        : stressReports(dir, manifest, metrics as unknown as StressMetrics, personas, generated, usage, shown);
  return { kind, md: withMarkdownContents(withoutLocalPaths(built.md)), html: withoutLocalPaths(built.html) };
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

const countriesOf = (personas: readonly Persona[]) => [...new Set(personas.map((p) => p.country))];

function surveyReports(
  dir: string,
  manifest: RunManifest,
  m: SurveyMetrics,
  personas: readonly Persona[],
  generated: boolean,
  usage: unknown,
  options: RunReportOptions,
) {
  const config = manifest.config as { instrument?: unknown; reference?: unknown };
  const items = options.items ?? surveyItems(m, config.instrument, options.cwd ?? process.cwd(), options.shown ?? dir);
  const rows = readRunRecords(dir, RESPONSES_FILE, ResponseRecordSchema, options.shown);
  const cost = usage ? surveyCost(usageTotals(usage), rows) : undefined;
  const md = markdownSafe(surveyReport(m, items) + (cost ? surveyCostMarkdown(cost) : ""));
  const wvs = m.kind === "item-distributions" && !config.reference ? loadWvsReferenceTable() : undefined;
  const references = wvs ? { provenance: wvs.provenance, sources: wvs.sources } : undefined;
  const citations: Citation[] = [
    ...(wvs ? [wvs.provenance] : []),
    ...(m.kind === "trait-means" ? [{ source: m.reference.source }] : []),
    ...(config.reference ? [{ source: "your own reference answers (--reference)" }] : []),
    ...(generated ? populationCitations(countriesOf(personas)) : []),
  ];
  return { md, html: surveyReportHtml(m, items, references, { facts: dataSourceFacts(manifest, citations, usage) }) };
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

function discussionReports(
  dir: string,
  manifest: RunManifest,
  m: DiscussionMetrics,
  personas: readonly Persona[],
  generated: boolean,
  usage: unknown,
  shown: string,
) {
  const parsed = DiscussionSpecSchema.safeParse(manifest.config);
  if (!parsed.success) throw new UsageError(`'${shown}/manifest.json' holds no valid discuss config; rerun the command with --force`);
  const spec = parsed.data;
  const turns = readRunRecords(dir, TURNS_FILE, TurnRecordSchema, shown);
  const input = { metrics: m, turns, plan: planDiscussion(personas, spec), spec, personas };
  const wvsItems = m.items.some((i) => i.instrument !== "custom");
  const citations: Citation[] = [
    ...(wvsItems ? [loadWvsReferenceTable().provenance] : []),
    ...(generated ? populationCitations(countriesOf(personas)) : []),
  ];
  return {
    md: markdownSafe(discussionReport(input)),
    html: discussionReportHtml(input, { facts: dataSourceFacts(manifest, citations, usage) }),
  };
}

function stressReports(
  dir: string,
  manifest: RunManifest,
  m: StressMetrics,
  personas: readonly Persona[],
  generated: boolean,
  usage: unknown,
  shown: string,
) {
  const data = {
    judgements: readRunRecords(dir, JUDGEMENTS_FILE, JudgementRecordSchema, shown),
    conversations: readRunRecords(dir, CONVERSATIONS_FILE, ConversationRecordSchema, shown),
    personas,
  };
  const citations: Citation[] = [
    { source: `probe templates ${m.probe_set}, written for this project`, licence: "MIT" },
    ...(generated ? populationCitations(countriesOf(personas)) : []),
  ];
  return {
    md: markdownSafe(stressReport(m, data)),
    html: stressReportHtml(m, data, { facts: dataSourceFacts(manifest, citations, usage) }),
  };
}
