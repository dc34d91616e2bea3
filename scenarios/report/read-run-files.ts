// what a report reads from a run directory, without opening the run store (no lock: a report can
// be rebuilt while nothing writes): the manifest, metrics.json and keyed JSONL records validated
// with their schema. a missing or broken file is a UsageError naming it and the fix.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { UsageError } from "../../core/errors.js";
import { runManifestSchema, type RunManifest } from "../../core/store/run-manifest.js";
import { scanJsonl } from "../../core/store/scan-jsonl.js";

export function readRunManifest(dir: string, shown = dir): RunManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path))
    throw new UsageError(
      `'${shown}' is not a run directory (no manifest.json); pass the --out directory of a survey run, discuss or stress`,
    );
  const parsed = runManifestSchema.safeParse(readJson(path, `${shown}/manifest.json`));
  if (!parsed.success)
    throw new UsageError(`'${shown}/manifest.json' is not a valid run manifest; rerun the command with --force to rebuild the run`);
  return parsed.data;
}

export function readRunMetrics(dir: string, shown = dir): Record<string, unknown> {
  const path = join(dir, "metrics.json");
  if (!existsSync(path))
    throw new UsageError(`'${shown}' has no metrics.json: the run has not finished; continue it with --resume --out ${shown}`);
  const value = readJson(path, `${shown}/metrics.json`);
  if (!value || typeof value !== "object")
    throw new UsageError(`'${shown}/metrics.json' is not a metrics object; rerun the command with --force`);
  return value as Record<string, unknown>;
}

export function readRunRecords<T>(dir: string, file: string, schema: z.ZodType<T>, shown = dir): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return scanJsonl(readFileSync(path), { file, keyed: true }).records.map((record) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success)
      throw new UsageError(
        `invalid record '${String(record.key)}' in ${shown}/${file}; the file was changed by hand — rerun the command with --force`,
      );
    return parsed.data;
  });
}

function readJson(path: string, shown: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch {
    throw new UsageError(`'${shown}' is not valid JSON; rerun the command with --force`);
  }
}
