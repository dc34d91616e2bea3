// a run's manifest.json → the flag values it was started with, so `--resume --out DIR` alone
// continues the run. the manifest records the validated spec (camelCase) and the models by role;
// this maps them back to flag names. the resume check in the run store compares the rebuilt
// config with the stored one, so a value mapped back wrongly is reported, never run silently.
import type { OptionSpec } from "./command.js";
import type { RunManifest } from "../core/store/run-manifest.js";
import { flagName } from "./study-argv.js";

/** config keys whose flag is named differently (null: derived data with no flag of its own) */
const RENAMED: Record<string, Record<string, string | null>> = {
  "*": { requestsPerMinute: "rpm", personasFile: "personas", reverseHalf: "reverse-half", allowRefusal: "refusal" },
  "survey run": { arms: "baseline" },
  stress: { probes: null, probeSelector: "probes", probeSet: null },
};

/** manifest model roles → flags */
const ROLE_FLAGS: Record<string, string> = { chat: "model", users: "model", embeddings: "embeddings", target: "target", judge: "judge" };

export function manifestStudyValues(
  manifest: Pick<RunManifest, "command" | "config" | "models">,
  options: Record<string, OptionSpec>,
): Record<string, unknown> {
  const renamed = { ...RENAMED["*"], ...RENAMED[manifest.command] };
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(manifest.config)) {
    const name = key in renamed ? renamed[key] : flagName(key);
    if (name === null || name === undefined || raw === null || raw === undefined) continue;
    let value: unknown = raw;
    if (name === "baseline" && Array.isArray(raw)) value = raw.filter((a) => a !== "deep");
    if (name === "target-system") value = targetSystemFlag(raw);
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === "boolean" && !options[name]) {
      // reverseHalf: false → --no-reverse-half, allowRefusal: false → --no-refusal
      if (!value && options[`no-${name}`]) values[`no-${name}`] = true;
      continue;
    }
    if (options[name]) values[name] = value;
  }
  for (const [role, spec] of Object.entries(manifest.models)) {
    const name = ROLE_FLAGS[role];
    if (name && options[name]) values[name] = spec;
  }
  return values;
}

/** stress's recorded {source: "default" | "text" | "file:PATH", text} → the --target-system value */
function targetSystemFlag(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { source, text } = raw as { source?: unknown; text?: unknown };
  if (typeof source === "string" && source.startsWith("file:")) return source.slice(5);
  return source === "text" && typeof text === "string" ? text : undefined;
}
