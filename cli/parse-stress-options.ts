// `stress` flags → a validated StressSpec plus the run settings and the role model specs, with
// one-line UsageErrors for anything wrong (checked before the run directory is touched).
import { UsageError } from "../core/errors.js";
import { parseModelSpec } from "../core/model/model-spec.js";
import { loadProbeSet, probeSetVersion, selectProbes } from "../scenarios/stress/load-probes.js";
import type { Probe, ProbeSet } from "../scenarios/stress/probe-schema.js";
import type { StressSpec } from "../scenarios/stress/stress-spec.js";
import { readTargetSystem } from "./read-target-system.js";
import { parseAttributes, parseBootstrap, parseDesign, parsePersonaSource, parseProfileTokens, personaSpecFields } from "./persona-options.js";
import { parsePositiveInt, parseRunLimits, requireOut, type ScenarioRunSettings } from "./run-options.js";

export interface StressSettings extends ScenarioRunSettings {
  spec: StressSpec;
  probeSet: ProbeSet;
  probes: Probe[];
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
  const out = requireOut(v);
  const source = parsePersonaSource(v, { example: "KEN,IND", withPersonas: "using" });
  const design = parseDesign(v.design);
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
    ...personaSpecFields(v, source, design),
    targetSystem: readTargetSystem(cwd, typeof v["target-system"] === "string" ? v["target-system"] : undefined),
    profileTokens: parseProfileTokens(v),
    maxUserWords: 120,
    bootstrap: parseBootstrap(v),
  };
  return { spec, probeSet, probes, out, ...parseRunLimits(v), attributes: parseAttributes(v), specs };
}
