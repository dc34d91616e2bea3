import { once } from "node:events"; // resolves on the event, rejects on 'error'; removes both listeners either way
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "population sample",
  summary: "draw census-grounded demographic records",
  description:
    "Draws adults (18+) from the country tables as a chain: sex × age (UN WPP 2019, 2020) → education | sex, age →\n" +
    "marital | sex, age → employment | sex, age → occupation | sex, education → subjective income step | education, age\n" +
    "→ religion | age (raked to Pew 2020) → urban/rural | education, age → household size | age, marital (WVS-7),\n" +
    "with structural guards (no doctorate before 25, no retirement before 30, …); every field cites its table in\n" +
    "`sources`. Fields without a table for the country are null (source 'unavailable'); France's WVS fields come\n" +
    "from Germany's tables ('wvs7-donor.*'). --fallback proxy is kept for compatibility (no opt-in proxies remain).\n" +
    "Quotas (exact counts per cell) and the equal design are weighted back to the tables in `weight`.",
  options: {
    country: { type: "string", valueName: "ISO3", description: "one country (ISO3 code or English name)" },
    countries: { type: "string", valueName: "LIST", description: "several countries, comma-separated, or 'all'" },
    count: { type: "string", valueName: "N", description: "total number of records", range: { min: 1, max: 10000000 } },
    "per-country": {
      type: "string",
      valueName: "N",
      description: "records per country (instead of --count; equal design)",
      range: { min: 1, max: 10000000 },
    },
    design: {
      type: "string",
      valueName: "NAME",
      description: "proportional (default: counts follow adult population) or equal (same count per country)",
    },
    seed: { type: "string", valueName: "SEED", description: "random seed; same seed → same records", default: "1" },
    format: { type: "string", valueName: "FMT", description: "jsonl or csv", default: "jsonl" },
    out: { type: "string", valueName: "FILE", description: "write to FILE (atomically) instead of stdout" },
    quota: {
      type: "string",
      valueName: "SPEC",
      multiple: true,
      description: "quota VAR=LEVEL:SHARE,… (repeatable), e.g. sex=female:0.5,male:0.5 or age=18-29:0.3,30-49:0.4,50+:0.3",
    },
    fallback: {
      type: "string",
      valueName: "MODE",
      description: "none (null where no table) or proxy (flagged donor-country tables)",
      default: "none",
    },
  },
  examples: [
    "deeppersona population sample --country DEU --count 100000 --seed 1 --format jsonl > deu.jsonl",
    "deeppersona population sample --countries KEN,IND,DEU --count 3000 --design equal --format csv --out sample.csv",
    "deeppersona population sample --country DEU --count 1000 --quota sex=female:0.5,male:0.5",
  ],
  async run(ctx) {
    const { DeepPersonaError, UsageError, ERROR_CODES } = await import("../../core/errors.js");
    const { parseCount, parseCountryList } = await import("../../persona-engine/population/parse-population-args.js");
    const { planPopulationSample, samplePopulation } = await import("../../persona-engine/population/sample-population.js");
    const { DEMOGRAPHIC_FIELDS } = await import("../../persona-engine/population/demographic-record.js");
    const { accessSync, constants, createWriteStream, existsSync, renameSync, rmSync, statSync } = await import("node:fs");
    const { basename, dirname, join, resolve } = await import("node:path");
    const usage = (msg: string): never => {
      throw new UsageError(msg, { code: ERROR_CODES.invalidInput });
    };
    const v = ctx.values;
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);

    // --- validate everything before anything is written --------------------------------------------
    if (str("country") !== undefined && str("countries") !== undefined) usage("give --country or --countries, not both");
    const countryText = str("country") ?? str("countries");
    if (countryText === undefined) usage("give --country ISO3 (or --countries A,B,…)");
    const countries = parseCountryList(countryText as string);
    if (str("country") !== undefined && countries.length > 1) usage("--country takes one country; use --countries for several");
    const countText = str("count");
    const perText = str("per-country");
    if (countText !== undefined && perText !== undefined) usage("give --count or --per-country, not both");
    if (countText === undefined && perText === undefined) usage("give --count N (or --per-country N)");
    const format = (str("format") ?? "jsonl").toLowerCase();
    if (format !== "jsonl" && format !== "csv") usage(`unknown --format '${format}'; use jsonl or csv`);
    const design = str("design");
    if (design !== undefined && design !== "proportional" && design !== "equal")
      usage(`unknown --design '${design}'; use proportional or equal`);
    const fallback = str("fallback") ?? "none";
    if (fallback !== "none" && fallback !== "proxy") usage(`unknown --fallback '${fallback}'; use none or proxy`);
    const seed = str("seed") ?? "1";
    if (!seed.trim()) usage("--seed must not be empty");
    const quotas = Array.isArray(v.quota) ? v.quota : typeof v.quota === "string" ? [v.quota] : [];
    const opts = {
      countries,
      ...(countText !== undefined
        ? { count: parseCount("--count", countText) }
        : { perCountry: parseCount("--per-country", perText as string) }),
      ...(design !== undefined ? { design: design as "proportional" | "equal" } : {}),
      seed,
      quotas,
      fallback: fallback as "none" | "proxy",
    };
    const plan = planPopulationSample(opts);
    const outArg = str("out");
    let outPath: string | undefined;
    if (outArg !== undefined) {
      outPath = resolve(ctx.cwd, outArg);
      const dir = dirname(outPath);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`--out: folder '${dir}' does not exist`);
      if (existsSync(outPath) && statSync(outPath).isDirectory()) usage(`--out: '${outArg}' is a folder; give a file name`);
      try {
        accessSync(dir, constants.W_OK);
      } catch {
        usage(`--out: folder '${dir}' is not writable`);
      }
    }

    // --- stream ---------------------------------------------------------------------------------------
    const { csvCell } = await import("../../core/sanitize/csv-cell.js");
    const columns = ["index", "country", "country_name", ...DEMOGRAPHIC_FIELDS, "weight"] as const;
    const header = format === "csv" ? [...columns, ...DEMOGRAPHIC_FIELDS.map((f) => `source_${f}`)].join(",") + "\n" : "";
    const tmpPath = outPath ? join(dirname(outPath), `.${basename(outPath)}.${process.pid}.tmp`) : undefined;
    const sink = tmpPath ? createWriteStream(tmpPath, { flags: "w" }) : ctx.stdout;
    let sinkError: Error | undefined;
    const onError = (err: Error) => (sinkError ??= err);
    sink.on("error", onError);
    let written = 0;
    let aborted = false;
    try {
      let buf = header;
      for (const r of samplePopulation(opts)) {
        if (format === "jsonl") buf += JSON.stringify(r) + "\n";
        else {
          let line = "";
          for (const c of columns) line += (line ? "," : "") + csvCell(r[c]);
          for (const f of DEMOGRAPHIC_FIELDS) line += "," + csvCell(r.sources[f]);
          buf += line + "\n";
        }
        written++;
        if (buf.length >= 1 << 16) {
          if (sinkError) break;
          if (!sink.write(buf)) await once(sink, "drain");
          buf = "";
          if (ctx.signal.aborted) {
            aborted = true;
            break;
          }
        }
      }
      if (!aborted && !sinkError && buf) sink.write(buf);
      if (tmpPath) {
        const file = sink as import("node:fs").WriteStream;
        if (sinkError) file.destroy();
        else {
          const done = once(file, "finish");
          file.end();
          await done;
        }
      }
    } catch (err) {
      sinkError ??= err instanceof Error ? err : new Error(String(err));
    }
    const epipe = (sinkError as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
    // a reader that closed the pipe early (| head) may still raise errors on stdout: keep swallowing them
    if (!epipe) sink.off("error", onError);
    if (tmpPath && outPath) {
      if (sinkError || aborted) {
        rmSync(tmpPath, { force: true });
        if (aborted) {
          ctx.stderr.write(`population sample: interrupted; nothing written to ${outArg}\n`);
          return 130;
        }
        throw new DeepPersonaError(
          ERROR_CODES.invalidInput,
          `cannot write --out '${outArg}': ${sinkError?.message ?? "unknown error"}; nothing written`,
        );
      }
      renameSync(tmpPath, outPath);
    } else if (sinkError && !epipe) {
      throw sinkError;
    }
    if (aborted) return 130;
    if (epipe) return 0;
    const split = plan.countries.map((c) => `${c.country} ${c.count}`).join(", ");
    ctx.stderr.write(
      `population sample: ${written} records (${split}; ${plan.design} design, seed ${plan.seed}${plan.quotas.length ? `, ${plan.quotas.length} quota(s)` : ""}${plan.fallback === "proxy" ? ", donor proxies on" : ""})${outArg ? ` → ${outArg}` : ""}\n`,
    );
    return 0;
  },
});
