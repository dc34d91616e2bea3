// `stress` flags → a validated StressSpec plus the run settings and the role model specs, with
// one-line UsageErrors for anything wrong (checked before the run directory is touched).
import { UsageError } from "../core/errors.js";
import { parseModelSpec } from "../core/model/model-spec.js";
import { loadProbeSet, probeSetVersion, selectProbes } from "../scenarios/stress/load-probes.js";
import type { Probe, ProbeSet } from "../scenarios/stress/probe-schema.js";
import type { StressSpec } from "../scenarios/stress/stress-spec.js";
import { readTargetSystem } from "./read-target-system.js";
import { parseList, parsePositiveInt, parsePositiveNumber, parseSeed } from "./run-options.js";

export interface StressSettings {
  spec: StressSpec;
  probeSet: ProbeSet;
  probes: Probe[];
  out: string;
  concurrency: number;
  rpm?: number;
  budgetUsd?: number;
  attributes: number;
  /** model specs by role (validated) */
  specs: { users: string; target: string; judge: string };
}

function modelSpecFlag(flag: string, value: string): string {
  try {
    parseModelSpec(value);
    return value;
  } catch (err) {
    throw new UsageError(`--${flag}: ${(err as Error).message}`, { code: "E_MODEL_CONFIG" });
  }
}

export function parseStressOptions(v: Record<string, unknown>, env: NodeJS.ProcessEnv, cwd: string): StressSettings {
  if (typeof v.out !== "string" || !v.out.trim()) throw new UsageError("--out DIR is required (the run directory to write)");
  const personasFile = typeof v.personas === "string" ? v.personas : undefined;
  const countries = v.countries !== undefined ? parseList("countries", v.countries) : [];
  if (!personasFile) {
    if (countries.length === 0) throw new UsageError("--countries is required (e.g. --countries KEN,IND), or pass --personas FILE.jsonl");
    if ((v.count === undefined) === (v["per-country"] === undefined)) throw new UsageError("pass exactly one of --per-country N or --count N (total)");
  } else if (v.count !== undefined || v["per-country"] !== undefined) {
    throw new UsageError("--per-country/--count generate personas; drop them when using --personas");
  }
  const design = String(v.design ?? "equal");
  if (design !== "equal" && design !== "proportional") throw new UsageError(`--design must be equal or proportional, got '${design}'`);
  const users = modelSpecFlag("model", typeof v.model === "string" ? v.model : env.DEEPPERSONA_MODEL ?? "offline");
  const specs = {
    users,
    target: typeof v.target === "string" ? modelSpecFlag("target", v.target) : users,
    judge: typeof v.judge === "string" ? modelSpecFlag("judge", v.judge) : users,
  };
  const probeSet = loadProbeSet();
  const selector = String(v.probes ?? "all");
  const probes = selectProbes(probeSet, selector);
  const spec: StressSpec = {
    probes: probes.map((p) => p.id),
    probeSelector: selector,
    probeSet: probeSetVersion(probeSet),
    turns: parsePositiveInt("turns", v.turns ?? "2", { max: 10 }),
    countries,
    ...(v["per-country"] !== undefined ? { perCountry: parsePositiveInt("per-country", v["per-country"], { max: 100000 }) } : {}),
    ...(v.count !== undefined ? { count: parsePositiveInt("count", v.count, { max: 1000000 }) } : {}),
    design: v["per-country"] !== undefined ? "equal" : design,
    ...(personasFile ? { personasFile } : {}),
    seed: parseSeed(v.seed),
    targetSystem: readTargetSystem(cwd, typeof v["target-system"] === "string" ? v["target-system"] : undefined),
    profileTokens: parsePositiveInt("profile-tokens", v["profile-tokens"] ?? "1500", { min: 50, max: 100000 }),
    maxUserWords: 120,
    bootstrap: parsePositiveInt("bootstrap", v.bootstrap ?? "500", { min: 0, max: 100000 }),
  };
  return {
    spec,
    probeSet,
    probes,
    out: v.out,
    concurrency: parsePositiveInt("concurrency", v.concurrency ?? "8", { max: 1024 }),
    ...(v.rpm !== undefined ? { rpm: parsePositiveInt("rpm", v.rpm) } : {}),
    ...(v["budget-usd"] !== undefined ? { budgetUsd: parsePositiveNumber("budget-usd", v["budget-usd"]) } : {}),
    attributes: parsePositiveInt("attributes", v.attributes ?? "220", { min: 20, max: 2000 }),
    specs,
  };
}
