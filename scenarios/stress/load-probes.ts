// the shipped probe set (data/probes/probes.json), validated (every problem with its path, at
// once), and `selectProbes` for `--probes all | <category>,… | <probe id>,…` (mixable).
import { existsSync, readFileSync } from "node:fs";
import { closeMatches } from "../../core/close-matches.js";
import { DeepPersonaError, ERROR_CODES, UsageError } from "../../core/errors.js";
import { dataPath } from "../../core/package-root.js";
import { ProbeSetSchema, type Probe, type ProbeSet } from "./probe-schema.js";

const cache = new Map<string, ProbeSet>();

/** the probe set at `file` (default data/probes/probes.json); invalid → E_DATA_INVALID listing every issue */
export function loadProbeSet(file: string = dataPath("probes", "probes.json")): ProbeSet {
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) throw new DeepPersonaError(ERROR_CODES.dataUnavailable, `probe set '${file}' is missing`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new DeepPersonaError(ERROR_CODES.dataInvalid, `probe set '${file}' is not valid JSON: ${(err as Error).message}`);
  }
  const set = parseProbeSet(raw, file);
  cache.set(file, set);
  return set;
}

export function parseProbeSet(raw: unknown, label = "probe set"): ProbeSet {
  const parsed = ProbeSetSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new DeepPersonaError(ERROR_CODES.dataInvalid, `${label} is invalid: ${issues.join("; ")}`, { details: { issues } });
  }
  return parsed.data;
}

/** "probe-set-id@version", recorded on every run */
export function probeSetVersion(set: ProbeSet): string {
  return `${set.id}@${set.version}`;
}

/**
 * the probes named by `selector` in probe-set order: "all", or a comma list of category ids and
 * probe ids (mixed). unknown names → UsageError with close matches.
 */
export function selectProbes(set: ProbeSet, selector: string): Probe[] {
  const names = selector
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--probes needs 'all', category ids or probe ids");
  if (names.includes("all")) {
    if (names.length > 1) throw new UsageError("--probes all cannot be combined with other names");
    return [...set.probes];
  }
  const categories = set.categories.map((c) => c.id);
  const ids = set.probes.map((p) => p.id);
  const wanted = new Set<string>();
  for (const name of names) {
    if (categories.includes(name)) {
      for (const p of set.probes) if (p.category === name) wanted.add(p.id);
    } else if (ids.includes(name)) {
      wanted.add(name);
    } else {
      const hint = closeMatches(name, [...categories, ...ids]);
      throw new UsageError(
        `unknown probe or category '${name}'${hint.length ? `; did you mean ${hint.join(", ")}?` : ""} (categories: ${categories.join(", ")})`,
      );
    }
  }
  return set.probes.filter((p) => wanted.has(p.id));
}
