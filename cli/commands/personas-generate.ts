import { defineCommand } from "../command.js";
import { MODEL_OPTIONS } from "../model-options.js";
import { RUN_OPTIONS } from "../run-options.js";

export const command = defineCommand({
  name: "personas generate",
  summary: "generate deep, census-grounded personas for one or more countries",
  description:
    "--count is the total, split across countries by --design; --per-country fixes n per country. Writes DIR/personas.jsonl (one persona per line, in plan order), manifest.json and events.jsonl.",
  options: {
    country: { type: "string", valueName: "ISO3", description: "one country (ISO3 code or name)" },
    countries: { type: "string", valueName: "A,B", description: "several countries, comma-separated" },
    count: {
      type: "string",
      valueName: "N",
      description: "total personas (split across countries by --design)",
      range: { min: 1, max: 1000000 },
    },
    "per-country": {
      type: "string",
      valueName: "N",
      description: "personas per country (instead of --count)",
      range: { min: 1, max: 100000 },
    },
    design: {
      type: "string",
      valueName: "equal|proportional",
      description: "how --count is split across countries",
      default: "proportional",
    },
    quota: {
      type: "string",
      valueName: "VAR=A:P,B:Q",
      description: "quota within each country, e.g. sex=female:0.5,male:0.5 (repeatable)",
      multiple: true,
    },
    attributes: {
      type: "string",
      valueName: "K",
      description: "attributes per persona, core included",
      default: "220",
      range: { min: 20, max: 2000 },
    },
    "tier-ratio": { type: "string", valueName: "N:M:F", description: "near : mid : far ratio of sampled attributes", default: "5:3:2" },
    "batch-size": {
      type: "string",
      valueName: "N",
      description: "at most N attributes per fill call",
      default: "55",
      range: { min: 5, max: 200 },
    },
    "reference-year": {
      type: "string",
      valueName: "YEAR",
      description: "the year personas live in",
      default: "2025",
      range: { min: 1950, max: 2100 },
    },
    ...RUN_OPTIONS,
    ...MODEL_OPTIONS,
  },
  examples: [
    "deeppersona personas generate --country KEN --count 20 --seed 7 --out runs/ken",
    "deeppersona personas generate --countries KEN,DEU --design equal --count 40 --model openai:gpt-4.1-mini --out runs/ke-de",
  ],
  async run(ctx) {
    const { preparePersonaRun } = await import("../prepare-persona-run.js");
    const { runPersonaGeneration } = await import("../../persona-engine/engine/run-persona-generation.js");
    const { sanitizedWritable } = await import("../sanitized-writable.js");
    // the summary's reason can quote a server's error text: sanitised for the terminal
    const run = await preparePersonaRun({ ...ctx, stdout: sanitizedWritable(ctx.stdout) }, "personas generate");
    const summary = await runPersonaGeneration({ ...run.generation, finish: true });
    return run.report(summary);
  },
});
