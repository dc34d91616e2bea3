// `deeppersona demo`: the main job, offline, in a few seconds — a small country-stratified WVS-7
// survey (3 countries × 20 personas, the 6 items of the DeepPersona paper) answered by deep
// personas and both baselines with the built-in offline model. no network, no key. the default
// run directory (runs/demo-<seed>) is overwritten on every invocation.
import { defineCommand } from "../command.js";

export const DEMO_COUNTRIES = "KEN,DEU,JPN";
export const DEMO_ITEMS = "Q45,Q46,Q57,Q184,Q218,Q254";

export const command = defineCommand({
  name: "demo",
  summary: "run the main job offline: a small country-stratified survey simulation",
  description:
    `Generates 20 personas in each of ${DEMO_COUNTRIES} with the offline model, has them answer WVS-7 ${DEMO_ITEMS} (batched mode), alongside the cultural-prompting and demographics baselines, and compares every arm with the countries' WVS-7 reference distributions. ` +
    "All output is synthetic placeholder content: it shows the pipeline, not a simulation result. Writes runs/demo-<seed> (replaced on every run) unless --out is given.",
  options: {
    seed: { type: "string", valueName: "N", description: "random seed", default: "1" },
    "per-country": { type: "string", valueName: "N", description: "personas per country", default: "20", range: { min: 1, max: 1000 } },
    out: { type: "string", valueName: "DIR", description: "run directory (default runs/demo-<seed>, replaced on every run)" },
    force: { type: "boolean", description: "overwrite --out when it holds a previous run" },
  },
  examples: ["deeppersona demo", "deeppersona demo --seed 7 --out /tmp/demo"],
  async run(ctx) {
    const { command: survey } = await import("./survey-run.js");
    const seed = String(ctx.values.seed ?? "1");
    const out = typeof ctx.values.out === "string" ? ctx.values.out : `runs/demo-${seed}`;
    const defaults = Object.fromEntries(Object.entries(survey.options).map(([k, o]) => [k, o.default]));
    ctx.stderr.write(
      `deeppersona demo: offline survey — ${DEMO_COUNTRIES} × ${String(ctx.values["per-country"])} personas, WVS-7 ${DEMO_ITEMS}, arms deep + cultural-prompting + demographics\n`,
    );
    const code = await survey.run({
      ...ctx,
      values: {
        ...defaults,
        instrument: "wvs",
        items: DEMO_ITEMS,
        countries: DEMO_COUNTRIES,
        "per-country": ctx.values["per-country"],
        seed,
        mode: "batched",
        baseline: ["cultural-prompting,demographics"],
        model: "offline",
        embeddings: "offline",
        out,
        force: ctx.values.out === undefined ? true : Boolean(ctx.values.force),
      },
    });
    if (code === 0) {
      ctx.stdout.write(
        "\nnext: the same survey with a real model, e.g.\n" +
          `  deeppersona survey run --instrument wvs --countries ${DEMO_COUNTRIES} --per-country 20 --items ${DEMO_ITEMS} --baseline cultural-prompting,demographics --model openai:gpt-4.1-mini --budget-usd 2 --out runs/wvs\n`,
      );
    }
    return code;
  },
});
