// `stress` flags (help defaults read from StressSpecSchema) and flags → StressSpec input, with
// one-line UsageErrors for anything wrong (checked before the run directory is touched). the
// --target and --judge model specs are the scenario's roles (cli/scenario-command.ts).
import { parsePositiveInt } from "../../core/flags/flag-values.js";
import {
  parseBootstrap,
  parseDesign,
  parsePersonaSource,
  parseProfileTokens,
  personaSpecFields,
  PERSONA_OPTIONS,
  PERSONA_SELECTION_OPTIONS,
} from "../persona-flags.js";
import { withSpecDefaults } from "../run-settings-spec.js";
import { loadProbeSet, probeSetVersion, selectProbes } from "./load-probes.js";
import { readTargetSystem } from "./read-target-system.js";
import { StressSpecSchema, type StressSpecInput } from "./stress-spec.js";

export const STRESS_OPTIONS = withSpecDefaults(
  {
    target: { type: "string", valueName: "SPEC", description: "the assistant under test: any --model spec (default: the --model spec)" },
    "target-system": {
      type: "string",
      valueName: "FILE|TEXT",
      description: 'the target\'s system prompt: a text file, or the prompt itself (default: "You are a helpful assistant.")',
    },
    judge: { type: "string", valueName: "SPEC", description: "the judge that scores each conversation (default: the --model spec)" },
    probes: {
      type: "string",
      valueName: "all|CAT,…|ID,…",
      description: "probe templates of data/probes: all, categories and/or probe ids (comma list)",
    },
    turns: {
      type: "string",
      valueName: "N",
      description: "user turns per conversation, each answered by the target",
      range: { min: 1, max: 10 },
    },
    ...PERSONA_SELECTION_OPTIONS,
    personas: {
      ...PERSONA_OPTIONS.personas,
      description: "use these personas (a personas.jsonl or run directory) instead of generating them",
    },
    attributes: PERSONA_OPTIONS.attributes,
    "profile-tokens": {
      ...PERSONA_OPTIONS["profile-tokens"],
      description: "token budget of the persona profile in the user agent's system prompt",
    },
    bootstrap: {
      ...PERSONA_OPTIONS.bootstrap,
      description: "bootstrap replicates (personas resampled) for the metrics' 95% CIs (0 = none)",
    },
  },
  StressSpecSchema,
  { probes: "probeSelector", turns: "turns", "profile-tokens": "profileTokens", bootstrap: "bootstrap" },
);

/** stress's flags → the spec input: probes resolved (ids in probe-set order), the target's system prompt read */
export function stressSpecFromFlags(v: Record<string, unknown>, env: { cwd: string }): StressSpecInput {
  const source = parsePersonaSource(v, { example: "KEN,IND", withPersonas: "using" });
  const design = parseDesign(v.design);
  const probeSet = loadProbeSet();
  const selector = String(v.probes ?? "all");
  return {
    probes: selectProbes(probeSet, selector).map((p) => p.id),
    probeSelector: selector,
    probeSet: probeSetVersion(probeSet),
    turns: parsePositiveInt("turns", v.turns ?? "2", { max: 10 }),
    ...personaSpecFields(v, source, design),
    targetSystem: readTargetSystem(env.cwd, typeof v["target-system"] === "string" ? v["target-system"] : undefined),
    profileTokens: parseProfileTokens(v),
    maxUserWords: 120,
    bootstrap: parseBootstrap(v),
  };
}
