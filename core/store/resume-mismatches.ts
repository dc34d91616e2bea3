// what differs between a run's manifest and the settings a --resume was asked with.
// config keys listed as mutable (budget, concurrency…) may change between sessions.
import type { RunManifest } from "./run-manifest.js";

export interface ResumeSettings {
  command: string;
  seed: string | number;
  config: Record<string, unknown>;
  models: Record<string, string>;
  data_versions: Record<string, unknown>;
}

/** one "path (was X, now Y)" entry per differing leaf, e.g. "config.countries (was ["ARG"], now ["BRA"])" */
export function resumeMismatches(previous: RunManifest, next: ResumeSettings, mutableConfigKeys: readonly string[]): string[] {
  const out: string[] = [];
  diff("command", previous.command, next.command, out);
  diff("seed", previous.seed, next.seed, out);
  diff("config", omit(previous.config, mutableConfigKeys), omit(next.config, mutableConfigKeys), out);
  diff("models", previous.models, next.models, out);
  diff("data_versions", previous.data_versions, next.data_versions, out);
  return out;
}

function diff(path: string, before: unknown, after: unknown, out: string[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diff(`${path}.${key}`, before[key], after[key], out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push(`${path} (was ${show(before)}, now ${show(after)})`);
}

function omit(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return "unset";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
