// the `stress` flags (light: --help and dispatch import this; parsing is in parse-stress-options.ts).
import type { OptionSpec } from "./command.js";
import { PERSONA_OPTIONS } from "./persona-options.js";

export const STRESS_OPTIONS: Record<string, OptionSpec> = {
  target: { type: "string", valueName: "SPEC", description: "the assistant under test: any --model spec (default: the --model spec)" },
  "target-system": { type: "string", valueName: "FILE|TEXT", description: "the target's system prompt: a text file, or the prompt itself (default: \"You are a helpful assistant.\")" },
  judge: { type: "string", valueName: "SPEC", description: "the judge that scores each conversation (default: the --model spec)" },
  probes: { type: "string", valueName: "all|CAT,…|ID,…", description: "probe templates of data/probes: all, categories and/or probe ids (comma list)", default: "all" },
  turns: { type: "string", valueName: "N", description: "user turns per conversation, each answered by the target", default: "2", range: { min: 1, max: 10 } },
  countries: PERSONA_OPTIONS.countries,
  "per-country": PERSONA_OPTIONS["per-country"],
  count: PERSONA_OPTIONS.count,
  design: PERSONA_OPTIONS.design,
  personas: { ...PERSONA_OPTIONS.personas, description: "use these personas (a personas.jsonl or run directory) instead of generating them" },
  "skip-invalid": PERSONA_OPTIONS["skip-invalid"],
  attributes: PERSONA_OPTIONS.attributes,
  "profile-tokens": { ...PERSONA_OPTIONS["profile-tokens"], description: "token budget of the persona profile in the user agent's system prompt" },
  bootstrap: { ...PERSONA_OPTIONS.bootstrap, description: "bootstrap replicates (personas resampled) for the metrics' 95% CIs (0 = none)" },
};

