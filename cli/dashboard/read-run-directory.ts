// a run directory for the dashboard: its manifest (→ DashboardContext) and the events written so
// far, folded. responses of runs written before response events carried their answer fields are
// completed from responses.jsonl; a discussion's answers get their value from measures.jsonl and
// its turns their text from turns.jsonl (the events carry neither); a finished stress run's
// flagged segment disparities come from metrics.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../core/errors.js";
import { runManifestSchema, type RunManifest } from "../../core/store/run-manifest.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { parseRunEvents, withResponseFields } from "./parse-run-events.js";

export interface RunDirectory {
  manifest: RunManifest;
  events: RunEvent[];
  /** bytes of events.jsonl read (complete lines) */
  offset: number;
  skipped: number;
  /** metrics.json, when the run has written it (finished runs) */
  metrics: unknown;
}

export function readRunDirectory(dir: string, shown = dir): RunDirectory {
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath))
    throw new UsageError(`'${shown}' is not a run directory (no manifest.json); pass the --out directory of a run`);
  let manifest: RunManifest;
  try {
    manifest = runManifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  } catch {
    throw new UsageError(`'${shown}/manifest.json' is not a valid run manifest`);
  }
  const eventsPath = join(dir, "events.jsonl");
  const text = existsSync(eventsPath) ? readFileSync(eventsPath, "utf8") : "";
  const parsed = parseRunEvents(text);
  let events = parsed.events;
  if (manifest.command === "discuss") events = withRecordFields(events, dir);
  else if (events.some((e) => e.type === "response" && (e.arm === undefined || e.value === undefined)))
    events = withResponseFields(events, readRecords(join(dir, "responses.jsonl")));
  return { manifest, events, offset: parsed.consumed, skipped: parsed.skipped, metrics: readJson(join(dir, "metrics.json")) };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch {
    return null;
  }
}

function readRecords(path: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      if (typeof r.key === "string" && !out.has(r.key)) out.set(r.key, r);
    } catch {
      // a torn last line: the event for it was never written either
    }
  }
  return out;
}

/** a discussion's answer values (measures.jsonl) and turn texts (turns.jsonl), by key */
function withRecordFields(events: RunEvent[], dir: string): RunEvent[] {
  const measures = readRecords(join(dir, "measures.jsonl"));
  const turns = readRecords(join(dir, "turns.jsonl"));
  return events.map((e) => {
    if (e.type === "response" && e.value === undefined) {
      const r = measures.get(e.key);
      return r ? ({ ...e, value: r.value, country: e.country ?? r.country } as RunEvent) : e;
    }
    if (e.type === "task-done" && e.file === "turns.jsonl" && e.text === undefined) {
      const r = turns.get(e.key);
      return r && typeof r.text === "string" ? ({ ...e, text: r.text } as RunEvent) : e;
    }
    return e;
  });
}
