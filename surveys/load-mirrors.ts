// mirrors: the taxonomy paths that pre-answer an item (data/instruments/mirrors.json for the
// shipped instruments, built by scripts/build-instruments.ts; an item's own `mirrors` in a
// questionnaire file). a persona carrying a mirror of an item has been told its answer.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { dataPath } from "../core/package-root.js";
import type { Instrument } from "./instrument-schema.js";

export const MIRRORS_FILE = "mirrors.json";

export const MirrorEntrySchema = z.object({
  path: z.string().min(1),
  /** manual: the reviewed list; lexical: similarity ≥ the file's threshold */
  source: z.enum(["manual", "lexical"]),
  score: z.number(),
});

export const MirrorsFileSchema = z.object({
  version: z.string(),
  taxonomy_version: z.string(),
  method: z.record(z.string(), z.unknown()),
  /** instrument id → item id → mirrors */
  instruments: z.record(z.string(), z.record(z.string(), z.array(MirrorEntrySchema))),
});
export type MirrorsFile = z.infer<typeof MirrorsFileSchema>;

let cached: MirrorsFile | null | undefined;

/** the shipped mirrors file, or null when it is missing */
function loadMirrorsFile(): MirrorsFile | null {
  if (cached !== undefined) return cached;
  const file = dataPath("instruments", MIRRORS_FILE);
  cached = existsSync(file) ? MirrorsFileSchema.parse(JSON.parse(readFileSync(file, "utf8"))) : null;
  return cached;
}

/** item id → the taxonomy paths that mirror it, for the given items of an instrument */
export function mirrorsFor(instrument: Instrument, itemIds: readonly string[]): Record<string, string[]> {
  const shipped = loadMirrorsFile()?.instruments[instrument.id] ?? {};
  const out: Record<string, string[]> = {};
  for (const id of itemIds) {
    const own = instrument.items.find((i) => i.id === id)?.mirrors ?? [];
    const paths = [...new Set([...(shipped[id] ?? []).map((m) => m.path), ...own])].sort();
    if (paths.length) out[id] = paths;
  }
  return out;
}

/** the version tag of the mirror lists in use (for the run manifest) */
export function mirrorsVersion(): string | null {
  return loadMirrorsFile()?.version ?? null;
}
