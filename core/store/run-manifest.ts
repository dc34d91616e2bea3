// manifest.json of a run directory: what was run, with which settings, and how it ended.
// written atomically (temp file + rename) when the run opens, resumes and finishes.
import { z } from "zod";

export const runStatusSchema = z.enum(["running", "complete", "incomplete", "failed"]);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** json-serialisable values only: the manifest is compared on resume after a round trip */
const jsonRecord = z.record(z.string(), z.unknown());

export const runManifestSchema = z.object({
  schema_version: z.literal(1),
  run_id: z.string().min(1),
  /** the cli command, e.g. "survey run" */
  command: z.string().min(1),
  /** the resolved options the run was started with */
  config: jsonRecord,
  seed: z.union([z.string(), z.number()]),
  /** model specs by role, e.g. {chat: "offline", embeddings: "offline"} */
  models: z.record(z.string(), z.string()),
  package_version: z.string(),
  /** free-form versions of the data the run read (taxonomy, tables, instruments) */
  data_versions: jsonRecord,
  git_sha: z.string().optional(),
  /** iso timestamps from the injected clock */
  created_at: z.string(),
  updated_at: z.string(),
  resumed_at: z.array(z.string()),
  status: runStatusSchema,
  /** why the run is not complete (budget, cancelled, failures); null when running or complete */
  reason: z.string().nullable(),
  /** unique records per jsonl file plus whatever the caller adds (completed, failed, skipped) */
  counts: z.record(z.string(), z.number()),
  /** what the run's model calls cost, written at finish (core/usage/usage-manifest-block.ts); summed over resumed sessions */
  usage: jsonRecord.optional(),
});
export type RunManifest = z.infer<typeof runManifestSchema>;

/** what the caller supplies; the store fills in version, timestamps, status and counts */
export const runManifestInputSchema = runManifestSchema
  .pick({ command: true, config: true, seed: true, models: true, git_sha: true })
  .extend({
    run_id: z.string().min(1).optional(),
    data_versions: jsonRecord.optional(),
  });
export type RunManifestInput = z.infer<typeof runManifestInputSchema>;
