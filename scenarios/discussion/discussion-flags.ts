// `discuss` flags (help defaults read from DiscussionSpecSchema) and flags → DiscussionSpec input,
// with one-line UsageErrors for anything wrong (checked before the run directory is touched).
// persona flags are the shared PERSONA_OPTIONS, the option-order and refusal flags those of survey
// run. light: the command module imports this for --help.
import { UsageError } from "../../core/errors.js";
import type { OptionSpec } from "../../core/flags/option-spec.js";
import { parseList, parsePositiveInt } from "../../core/flags/flag-values.js";
import {
  PERSONA_OPTIONS,
  PERSONA_SELECTION_OPTIONS,
  parseBootstrap,
  parseDesign,
  parsePersonaSource,
  parseProfileTokens,
  personaSpecFields,
} from "../persona-flags.js";
import { withSpecDefaults } from "../run-settings-spec.js";
import { SURVEY_OPTIONS } from "../survey/survey-flags.js";
import {
  DEFAULT_CONTROL_MESSAGE,
  DISCUSSION_ARMS,
  DiscussionSpecSchema,
  type DiscussionArm,
  type DiscussionSpecInput,
} from "./discussion-spec.js";

export const DISCUSSION_OPTIONS = withSpecDefaults(
  {
    topic: { type: "string", valueName: "TEXT", description: "the question every group discusses (required)" },
    treatment: {
      type: "string",
      valueName: "TEXT",
      description: "moderator message opening round 1 in the treatment arm (a persuasive message, a fact sheet)",
    },
    control: {
      type: "string",
      valueName: "TEXT",
      description: `moderator message opening round 1 in the control arm (default: "${DEFAULT_CONTROL_MESSAGE}")`,
    },
    arms: { type: "string", valueName: "control,treatment", description: "arms the groups are randomised to" },
    measure: {
      type: "string",
      valueName: "Q45,Q46",
      multiple: true,
      description: "outcome items (WVS ids) answered alone before and after the discussion (repeatable or comma list)",
    },
    stance: {
      type: "string",
      valueName: "QUESTION",
      description: 'a custom outcome item: "QUESTION" on a 1–10 scale (item STANCE), with or instead of --measure',
    },
    ...PERSONA_SELECTION_OPTIONS,
    "group-size": {
      type: "string",
      valueName: "N",
      description: "personas per discussion group (groups never mix countries)",
      range: { min: 2, max: 50 },
    },
    rounds: {
      type: "string",
      valueName: "N",
      description: "rounds per discussion; everyone speaks once a round, in a seeded order",
      range: { min: 1, max: 50 },
    },
    "turn-words": { type: "string", valueName: "N", description: "word limit of one turn", range: { min: 10, max: 400 } },
    "post-memory": {
      type: "string",
      valueName: "transcript|none",
      description: "what the post measure remembers: the group's transcript or nothing (a noise floor: any change is sampling variation)",
    },
    "no-reverse-half": SURVEY_OPTIONS["no-reverse-half"] as OptionSpec,
    "no-refusal": SURVEY_OPTIONS["no-refusal"] as OptionSpec,
    attributes: PERSONA_OPTIONS.attributes,
    "profile-tokens": PERSONA_OPTIONS["profile-tokens"],
    bootstrap: PERSONA_OPTIONS.bootstrap,
  },
  DiscussionSpecSchema,
  {
    arms: "arms",
    "group-size": "groupSize",
    rounds: "rounds",
    "turn-words": "turnWords",
    "post-memory": "postMemory",
    "profile-tokens": "profileTokens",
    bootstrap: "bootstrap",
  },
);

function text(flag: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  const v = String(value).trim();
  if (!v) throw new UsageError(`--${flag} must not be empty`);
  if (v.length > max) throw new UsageError(`--${flag} is ${v.length} characters; keep it under ${max}`);
  return v;
}

export function parseArms(value: unknown): DiscussionArm[] {
  const given = parseList("arms", value ?? "control,treatment").map((a) => a.toLowerCase());
  for (const a of given)
    if (!(DISCUSSION_ARMS as readonly string[]).includes(a))
      throw new UsageError(`unknown arm '${a}'; known: ${DISCUSSION_ARMS.join(", ")}`);
  return DISCUSSION_ARMS.filter((a) => given.includes(a));
}

/** discuss's flags → the spec input (DiscussionSpecSchema fills in the transcript budgets) */
export function discussionSpecFromFlags(v: Record<string, unknown>): DiscussionSpecInput {
  const topic = text("topic", v.topic, 1000);
  if (!topic) throw new UsageError('--topic TEXT is required (e.g. --topic "Should my town ban cars from the centre?")');
  const arms = parseArms(v.arms);
  const treatment = text("treatment", v.treatment, 4000);
  const control = text("control", v.control, 4000);
  if ((arms.includes("treatment") || arms.includes("message-only")) && !treatment)
    throw new UsageError(
      "the treatment arm needs --treatment TEXT (the moderator message it receives; message-only too), or pass --arms control",
    );
  if (treatment && !arms.includes("treatment") && !arms.includes("message-only"))
    throw new UsageError("--treatment is only shown in the treatment arm (and message-only); add one to --arms or drop --treatment");
  const measure = [...new Set(((v.measure as string[] | undefined) ?? []).flatMap((m) => parseList("measure", m)))];
  const stance = text("stance", v.stance, 500);
  if (measure.length === 0 && !stance)
    throw new UsageError('pass the outcome to measure: --measure Q46 (WVS items) and/or --stance "QUESTION" (1–10 scale)');
  const source = parsePersonaSource(v, { example: "KEN,DEU", withPersonas: "discussing with" });
  const design = parseDesign(v.design);
  const postMemory = String(v["post-memory"] ?? "transcript");
  if (postMemory !== "transcript" && postMemory !== "none")
    throw new UsageError(`--post-memory must be transcript or none, got '${postMemory}'`);
  return {
    topic,
    ...(treatment ? { treatment } : {}),
    control: control ?? DEFAULT_CONTROL_MESSAGE,
    arms,
    measure,
    ...(stance ? { stance } : {}),
    ...personaSpecFields(v, source, design),
    groupSize: parsePositiveInt("group-size", v["group-size"], { min: 2, max: 50 }),
    rounds: parsePositiveInt("rounds", v.rounds, { max: 50 }),
    turnWords: parsePositiveInt("turn-words", v["turn-words"], { min: 10, max: 400 }),
    postMemory,
    reverseHalf: !v["no-reverse-half"],
    allowRefusal: !v["no-refusal"],
    profileTokens: parseProfileTokens(v),
    bootstrap: parseBootstrap(v),
  };
}
