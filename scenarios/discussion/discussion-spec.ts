// the discussion experiment, declaratively: who discusses (personas generated per country or read
// from a file), in which groups and arms, about what, for how long, and which outcome items are
// measured before and after, and the run settings. the parsed spec is the run manifest's config,
// so --resume can check nothing changed.
import { z } from "zod";
import { PersonaSelectionSpecSchema } from "../persona-selection-spec.js";
import { RunSettingsSchema } from "../run-settings-spec.js";

/**
 * control: neutral opening, discussion; treatment: the treatment message opens the discussion;
 * message-only: each persona reads the treatment message and answers it ALONE (no discussion),
 * which separates the message's effect from the discussion's
 */
export const DISCUSSION_ARMS = ["control", "treatment", "message-only"] as const;
export const DiscussionArmSchema = z.enum(DISCUSSION_ARMS);
export type DiscussionArm = z.infer<typeof DiscussionArmSchema>;

/** the neutral moderator opening of the control arm when --control is not given */
export const DEFAULT_CONTROL_MESSAGE =
  "Welcome, everyone. Please share your own honest views on the question and respond to what the others say. There are no right or wrong answers.";

export const DiscussionSpecSchema = z.object({
  /** the question the groups discuss */
  topic: z.string().min(1),
  /** moderator message that opens round 1 in the treatment arm (and is read alone in message-only) */
  treatment: z.string().min(1).optional(),
  /** moderator message that opens round 1 in the control arm */
  control: z.string().min(1).default(DEFAULT_CONTROL_MESSAGE),
  arms: z.array(DiscussionArmSchema).min(1).default(["control", "treatment"]),
  /** outcome items of shipped instruments (WVS ids such as Q46) … */
  measure: z.array(z.string()).default([]),
  /** … and/or a custom 1–10 stance question (item id STANCE) */
  stance: z.string().min(1).optional(),
  /** who takes part (countries, per country or a total by design, or a personas file) and the seed */
  ...PersonaSelectionSpecSchema.shape,
  groupSize: z.number().int().min(2).default(4),
  rounds: z.number().int().min(1).default(3),
  /** word limit of one turn (asked for in the prompt; longer turns are clipped in transcripts) */
  turnWords: z.number().int().positive().default(80),
  /** what the post measure remembers: the group's transcript (default) or nothing (noise floor) */
  postMemory: z.enum(["transcript", "none"]).default("transcript"),
  /** a turn sees at most this many recent turns of its group … */
  transcriptTurns: z.number().int().positive().default(12),
  /** … within this many tokens (the moderator opening is always kept) */
  transcriptTokens: z.number().int().positive().default(1200),
  /** token budget of the transcript the post measure remembers */
  memoryTokens: z.number().int().positive().default(2500),
  /** reverse ordinal option order for a seeded half of personas (the same in pre and post) */
  reverseHalf: z.boolean().default(true),
  allowRefusal: z.boolean().default(true),
  profileTokens: z.number().int().positive().default(1500),
  /** bootstrap replicates for the 95% intervals in metrics.json */
  bootstrap: z.number().int().min(0).default(500),
  /** attributes, pace, budget, sampling, tidy format (the manifest config is this whole spec) */
  ...RunSettingsSchema.shape,
});
export type DiscussionSpec = z.infer<typeof DiscussionSpecSchema>;
export type DiscussionSpecInput = z.input<typeof DiscussionSpecSchema>;
