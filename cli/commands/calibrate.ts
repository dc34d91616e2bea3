// `deeppersona calibrate RUN_DIR --pilot pilot.csv --out DIR`: corrects a survey run's shares with
// a small pilot of real respondents (prediction-powered inference). each pilot respondent gets a
// persona twin with the same anchors, the twins answer the run's items, and calibration.json /
// calibration.md report raw, pilot-only and corrected shares with 95% CIs and the effective n.
import { defineCommand } from "../command.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const command = defineCommand({
  name: "calibrate",
  summary: "correct a survey run's shares with a small real pilot (prediction-powered inference)",
  description:
    "Reads RUN_DIR (a survey run: manifest.json, responses.jsonl) and --pilot, a CSV of real respondents with columns country, sex, age (+ optional education: lower|middle|higher or an ISCED level, urban: urban|rural) and one column per item of the run (answer codes; empty = missing). " +
    "Each respondent gets a persona twin drawn with the same anchors from the population tables, generated and asked the same items with the run's settings (--model, default the run's), in DIR/twins-run. " +
    "Writes DIR/calibration.json (per country × item: raw, pilot_only and corrected shares, each code {share, ci}, plus effective_n) and DIR/calibration.md (an improvement table and per-item tables). " +
    "corrected = PPI++ (Angelopoulos et al. 2023): simulated share + the pilot's mean (real − twin) difference, power-tuned so it is never much wider than the pilot alone; 95% normal-approximation CIs. " +
    "--weights rake (default) rakes the run's personas per country to the population tables (sex × age band, education level, urban/rural) so raw and corrected shares estimate the population; their intervals use Kish's effective n, and the unweighted raw shares are shown alongside. " +
    "--strata: the bias is estimated per subgroup (e.g. age3, or sex,age3 cells) for every subgroup with at least --min-stratum-n pilot respondents, pooled for the rest, and combined with the subgroups' population shares (post-stratified PPI).",
  positionals: [{ name: "RUN_DIR", description: "a survey run directory", required: true }],
  options: {
    pilot: {
      type: "string",
      valueName: "FILE.csv",
      description: "real respondents: country, sex, age [, education, urban] and one column per item",
    },
    model: { type: "string", valueName: "SPEC", description: "chat model for the twins (default: the run's model)" },
    embeddings: { type: "string", valueName: "SPEC", description: "embeddings for the twins' persona engine (default as survey run)" },
    "base-url": { type: "string", valueName: "URL", description: "server for --model" },
    arm: { type: "string", valueName: "ARM", description: "the run's arm to correct", default: "deep" },
    weights: {
      type: "string",
      valueName: "none|rake",
      description: "weight the run's personas: rake = to the population tables (sex × age, education, urban)",
      default: "rake",
    },
    strata: {
      type: "string",
      valueName: "DIMS|none",
      description: "subgroups of the bias correction: sex, age3, education, urban (comma-joined = cells) or none",
      default: "age3",
    },
    "min-stratum-n": {
      type: "string",
      valueName: "N",
      description: "pilot respondents a subgroup needs for its own bias estimate (else pooled)",
      default: "30",
    },
    out: { type: "string", valueName: "DIR", description: "output directory (calibration.json, calibration.md, twins/, twins-run/)" },
    force: { type: "boolean", description: "overwrite an existing calibration in --out" },
  },
  examples: ["deeppersona calibrate runs/de --pilot pilot-de.csv --out runs/de-calibrated"],
  async run(ctx) {
    const { existsSync, readFileSync, writeFileSync } = await import("node:fs");
    const { join, resolve } = await import("node:path");
    const { UsageError } = await import("../../core/errors.js");
    const { readPilotCsv } = await import("../../scenarios/calibrate/read-pilot-csv.js");
    const { pilotTwinPlans } = await import("../../scenarios/calibrate/pilot-twin-plans.js");
    const { calibrateShares } = await import("../../scenarios/calibrate/calibrate-shares.js");
    const { calibrationReport, referenceCoverage } = await import("../../scenarios/calibrate/calibration-report.js");
    const { resolveInstrument } = await import("../../surveys/resolve-instrument.js");
    const { getItem } = await import("../../surveys/load-instrument.js");
    const { validCodes } = await import("../../surveys/item-codes.js");
    const { findReference } = await import("../../surveys/references/load-reference.js");
    const { answerPilotTwins, readResponseRecords } = await import("../calibrate-twins.js");
    const { parsePositiveInt } = await import("../run-options.js");
    const { readPersonasFile } = await import("../../scenarios/read-personas-file.js");
    const { personaInfo } = await import("../../scenarios/survey/survey-metrics.js");
    const { rakePersonaWeights } = await import("../../scenarios/calibrate/rake-persona-weights.js");
    const { SUBGROUP_DIMENSIONS, subgroupLevel } = await import("../../scenarios/calibrate/subgroup-level.js");

    const runArg = ctx.positionals[0] as string;
    const runDir = resolve(ctx.cwd, runArg);
    const manifestPath = join(runDir, "manifest.json");
    if (!existsSync(manifestPath))
      throw new UsageError(`'${runArg}' is not a run directory (no manifest.json); pass the --out directory of a survey run`);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      command?: string;
      config?: Record<string, unknown>;
      seed?: number | string;
      models?: Record<string, string>;
      run_id?: string;
    };
    if (manifest.command !== "survey run" || !manifest.config)
      throw new UsageError(`'${runArg}' is a '${manifest.command}' run; calibrate needs a survey run directory`);
    if (typeof ctx.values.pilot !== "string")
      throw new UsageError("--pilot FILE.csv is required (real respondents: country, sex, age and one column per item)");
    if (typeof ctx.values.out !== "string") throw new UsageError("--out DIR is required (where calibration.json goes)");
    const pilotPath = resolve(ctx.cwd, ctx.values.pilot);
    if (!existsSync(pilotPath)) throw new UsageError(`--pilot '${ctx.values.pilot}' does not exist`);
    const pilot = readPilotCsv(readFileSync(pilotPath, "utf8"), ctx.values.pilot);
    const config = manifest.config;
    const runItems = (config.items as string[] | undefined) ?? [];
    const pilotItems = Object.keys(pilot[0]?.answers ?? {});
    const unknown = pilotItems.filter((i) => !runItems.includes(i));
    if (unknown.length)
      throw new UsageError(
        `--pilot column(s) ${unknown.join(", ")} are not items of the run (it asked ${runItems.join(", ")}); drop them or rename them to item ids`,
      );
    const runCountries = (config.countries as string[] | undefined) ?? [];
    const missingCountry = [...new Set(pilot.map((p) => p.country))].filter((c) => runCountries.length > 0 && !runCountries.includes(c));
    if (missingCountry.length)
      throw new UsageError(
        `--pilot has respondents of ${missingCountry.join(", ")}, which the run did not simulate (it has ${runCountries.join(", ")}); drop those rows`,
      );
    const arm = String(ctx.values.arm);
    if (!((config.arms as string[] | undefined) ?? ["deep"]).includes(arm))
      throw new UsageError(`--arm '${arm}' is not an arm of the run (it has ${(config.arms as string[]).join(", ")})`);
    const weightsKind = String(ctx.values.weights);
    if (weightsKind !== "none" && weightsKind !== "rake") throw new UsageError(`--weights '${weightsKind}' must be none or rake`);
    const strataText = String(ctx.values.strata).trim();
    const strataDims = strataText === "none" ? [] : strataText.split(",").map((d) => d.trim());
    for (const d of strataDims)
      if (!(SUBGROUP_DIMENSIONS as readonly string[]).includes(d))
        throw new UsageError(
          `--strata '${d}' is not a subgroup dimension; use ${SUBGROUP_DIMENSIONS.join(", ")} (comma-joined for cells) or none`,
        );
    const minStratumN = parsePositiveInt("min-stratum-n", ctx.values["min-stratum-n"], { max: 1000000 });
    const outDir = resolve(ctx.cwd, ctx.values.out);
    if (existsSync(join(outDir, "calibration.json")) && !ctx.values.force)
      throw new UsageError(`'${ctx.values.out}' already holds a calibration; pass --force to overwrite or choose another --out`);
    const instrument = resolveInstrument(ctx.cwd, String(config.instrument));
    const codes: Record<string, number[]> = Object.fromEntries(pilotItems.map((id) => [id, validCodes(getItem(instrument, id))]));

    const seed = manifest.seed ?? 1;
    const model = typeof ctx.values.model === "string" ? ctx.values.model : (manifest.models?.chat ?? "offline");
    const simulated = readResponseRecords(runDir);
    const runPersonas = weightsKind === "rake" || strataDims.length > 0 ? readPersonasFile(ctx.cwd, runDir).map(personaInfo) : [];
    const infoOf = new Map(runPersonas.map((p) => [p.id, p]));
    const raked = weightsKind === "rake" ? rakePersonaWeights(runPersonas) : undefined;
    const dims = strataDims as (typeof SUBGROUP_DIMENSIONS)[number][];
    const plans = pilotTwinPlans(pilot, seed);
    makeDirectory(outDir);
    const twins = await answerPilotTwins(ctx, { plans, config: { ...config, items: pilotItems }, seed, model, outDir });
    const twinOf = new Map(pilot.map((p, i) => [p.line, plans[i]!.id]));
    const file = calibrateShares({
      run: manifest.run_id ?? runArg,
      arm,
      twinModel: model,
      codes,
      simulated,
      pilot,
      twinOf,
      twins,
      reference: (country, item) => {
        const ref = instrument.id === "wvs" ? findReference(country, item) : undefined;
        return ref ? Object.fromEntries(ref.codes.map((c, i) => [String(c), ref.shares[i] ?? 0])) : undefined;
      },
      ...(raked ? { weights: { kind: "rake" as const, byPersona: raked.weights, raking: raked.by_country } } : {}),
      ...(dims.length
        ? {
            strata: {
              by: dims,
              minPilotN: minStratumN,
              persona: (id: string) => subgroupLevel(infoOf.get(id) ?? {}, dims),
              pilot: (row: (typeof pilot)[number]) => subgroupLevel(row, dims),
            },
          }
        : {}),
    });
    writeFileSync(join(outDir, "calibration.json"), JSON.stringify(file, null, 2) + "\n");
    writeFileSync(join(outDir, "calibration.md"), calibrationReport(file));
    const cov = referenceCoverage(file.cells);
    ctx.stdout.write(
      [
        `calibrate: ${file.cells.length} country × item cells, pilot n = ${file.pilot_n}, twins answered by ${model}`,
        ...(raked
          ? Object.entries(raked.by_country).map(
              ([c, r]) =>
                `  weights: ${c} raked to ${r.dimensions.join(", ")} (${r.n} personas, Kish n ${r.kish_n.toFixed(1)}${r.converged ? "" : `, not converged: max error ${r.max_error}`})`,
            )
          : ["  weights: none (every persona counts 1)"]),
        ...file.cells.map(
          (c) =>
            `  ${c.country} ${c.item}: effective n ${c.effective_n.toFixed(1)} (pilot ${c.n_pilot}, simulated ${c.n_simulated}); bias ${c.strata && c.strata.length > 1 ? `per ${dims.join("×")} subgroup: ${c.strata.map((s) => `${s.label} (n ${s.n_pilot})`).join(", ")}` : "pooled"}`,
        ),
        ...(cov.total ? [`corrected 95% CIs contain the reference share for ${cov.covered}/${cov.total} codes`] : []),
        `calibration: ${join(outDir, "calibration.json")} (report: ${join(outDir, "calibration.md")})`,
      ].join("\n") + "\n",
    );
    return 0;
  },
});
