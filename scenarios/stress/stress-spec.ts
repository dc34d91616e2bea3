// the stress test, declaratively: which personas (generated per country or read from a file),
// which probes, how many user turns per conversation, and the target's system prompt. stored in
// the run manifest, so --resume can check that nothing changed.
import { z } from "zod";
import { PersonaSelectionSpecSchema } from "../persona-selection-spec.js";
import { RunSettingsSchema } from "../run-settings-spec.js";

export const TargetSystemSchema = z.object({
  /** "default", "text" (given on the command line) or "file:<path as given>" */
  source: z.string().min(1),
  text: z.string().min(1),
});
export type TargetSystem = z.infer<typeof TargetSystemSchema>;

export const StressSpecSchema = z.object({
  /** probe ids, in probe-set order (resolved from --probes) */
  probes: z.array(z.string()).min(1),
  /** --probes as given */
  probeSelector: z.string().default("all"),
  /** "<probe set id>@<version>" */
  probeSet: z.string(),
  /** user turns per conversation (each answered by the target) */
  turns: z.number().int().min(1).max(10).default(2),
  /** who takes part (countries, per country or a total by design, or a personas file) and the seed */
  ...PersonaSelectionSpecSchema.shape,
  /** the target assistant's system prompt (it never sees the persona) */
  targetSystem: TargetSystemSchema,
  /** token budget of the persona profile in the user agent's system prompt */
  profileTokens: z.number().int().positive().default(1500),
  /** most words of one user message (longer ones are clipped, and say so) */
  maxUserWords: z.number().int().positive().default(120),
  /** bootstrap replicates (personas resampled) for the 95% intervals in metrics.json */
  bootstrap: z.number().int().min(0).default(500),
  /** attributes, pace, budget, sampling, tidy format (the manifest config is this whole spec) */
  ...RunSettingsSchema.shape,
});
export type StressSpec = z.infer<typeof StressSpecSchema>;
export type StressSpecInput = z.input<typeof StressSpecSchema>;
