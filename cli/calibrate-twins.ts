// the only model calls of `deeppersona calibrate`: generate each pilot respondent's persona twin
// with the persona engine (same chat/embeddings wiring as survey run, the asked items' mirror
// leaves excluded), write them to OUT/twins/personas.jsonl, then answer the run's items with
// `survey run --personas` in-process (the run's instrument, items, mode, answer method, samples,
// profile budget and seed; arm deep only) into OUT/twins-run. returns the twins' response rows.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CommandContext } from "./command.js";
import type { PersonaPlan } from "../persona-engine/engine/plan-personas.js";
import { ResponseRecordSchema, type ResponseRecord } from "../scenarios/survey/response-record.js";
import { makeDirectory } from "../core/store/make-directory.js";

export interface CalibrateTwinsOptions {
  plans: readonly PersonaPlan[];
  /** the run's survey spec (manifest.json config) */
  config: Record<string, unknown>;
  seed: number | string;
  /** chat model spec for the twins (default: the run's) */
  model: string;
  outDir: string;
}

export async function answerPilotTwins(ctx: CommandContext, o: CalibrateTwinsOptions): Promise<ResponseRecord[]> {
  const { DeepPersonaError, ERROR_CODES } = await import("../core/errors.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { createPersonaEngine } = await import("../persona-engine/engine/create-persona-engine.js");
  const { generatePersona } = await import("../persona-engine/engine/generate-persona.js");
  const { personaInput } = await import("../persona-engine/engine/plan-personas.js");
  const { mirrorExclusion } = await import("../persona-engine/engine/mirror-exclusion.js");
  const { mirrorsFor } = await import("../surveys/load-mirrors.js");
  const { resolveInstrument } = await import("../surveys/resolve-instrument.js");
  const { runCli } = await import("./run-cli.js");

  const items = (o.config.items as string[] | undefined) ?? [];
  const instrumentId = String(o.config.instrument);
  const values = { ...ctx.values, model: o.model };
  const concurrency = Number(ctx.values.concurrency ?? 8) || 8;
  const models = await resolveCliModels({ ...ctx, values }, { seed: o.seed, embeddings: true, limits: { concurrency } });
  const engine = await createPersonaEngine({
    client: models.client,
    cacheDir: models.cacheDir,
    ...(typeof o.config.attributes === "number" ? { attributes: o.config.attributes } : {}),
    signal: ctx.signal,
  });
  const instrument = resolveInstrument(ctx.cwd, instrumentId);
  engine.excludedMirrors = mirrorExclusion(engine.taxonomy, Object.values(mirrorsFor(instrument, items)).flat());

  const twinsDir = join(o.outDir, "twins");
  makeDirectory(twinsDir);
  const lines: string[] = [];
  const inflight = 4;
  for (let i = 0; i < o.plans.length; i += inflight) {
    const batch = o.plans.slice(i, i + inflight).map((plan) => generatePersona(engine, personaInput(plan, o.seed)));
    for (const persona of await Promise.all(batch)) lines.push(JSON.stringify(persona));
    ctx.stderr.write(`calibrate: twins ${Math.min(i + inflight, o.plans.length)}/${o.plans.length}\n`);
  }
  const personasFile = join(twinsDir, "personas.jsonl");
  writeFileSync(personasFile, lines.join("\n") + "\n");

  const runDir = join(o.outDir, "twins-run");
  const flags: Record<string, unknown> = {
    instrument: instrumentId,
    items: items.join(","),
    personas: personasFile,
    seed: o.seed,
    model: o.model,
    samples: o.config.samples ?? 1,
    mode: o.config.mode ?? "isolated",
    answer: o.config.answer ?? "sample",
    "profile-tokens": o.config.profileTokens ?? 1500,
    bootstrap: 0,
    embeddings: ctx.values.embeddings,
    "base-url": ctx.values["base-url"],
  };
  const argv = [
    "survey",
    "run",
    ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, String(v)])),
    ...(o.config.reverseHalf === false ? ["--no-reverse-half"] : []),
    ...(o.config.allowRefusal === false ? ["--no-refusal"] : []),
    ...["--no-dashboard", "--force", "--out", runDir],
  ];
  const sink = new PassThrough();
  sink.resume();
  const code = await runCli({ argv, stdout: sink, stderr: sink, env: ctx.env, cwd: ctx.cwd, signal: ctx.signal, isTTY: false });
  if (code !== 0)
    throw new DeepPersonaError(
      ERROR_CODES.modelCall,
      `the twins' survey run exited ${code}; see ${runDir}/events.jsonl and rerun calibrate`,
      { exitCode: code },
    );
  return readResponseRecords(runDir);
}

/** a finished survey run's responses.jsonl (also read by calibrate and ablate) */
export function readResponseRecords(runDir: string): ResponseRecord[] {
  return readFileSync(join(runDir, "responses.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ResponseRecordSchema.parse(JSON.parse(l)));
}
