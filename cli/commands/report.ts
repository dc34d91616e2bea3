// `deeppersona report DIR [--out DIR]`: (re)builds report.md and a self-contained report.html
// (inline css and svg, no script, no external address) for a finished survey run, discuss or
// stress run, from the files the run wrote (manifest.json says which kind; metrics.json is used as
// written). a finished run's own reports come from the same builder, so rebuilding them in place
// gives the same bytes.
import { defineCommand } from "../command.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const command = defineCommand({
  name: "report",
  summary: "(re)build report.md and a self-contained report.html for a survey, discuss or stress run",
  description:
    "Reads DIR/manifest.json (which command made the run), metrics.json and the run's records, and writes report.md and report.html: the run facts (model, seed, personas, data versions and sources), a table of contents, a one-screen summary figure (survey: fidelity per item and arm with 95% CIs between chance and the floor; Big Five: T-scores per trait and country next to the reference; discuss: opinion change per arm and the treatment effect with cluster-bootstrap CIs; stress: failure rates per category with CIs), then the details. " +
    "report.html is one self-contained file: inline CSS and SVG, no script, no link to anything outside it. Model text is escaped. Finished runs already hold the same files (the run writes them with the same builder); use this after an upgrade or to write them elsewhere with --out.",
  positionals: [{ name: "DIR", description: "run directory (the --out of survey run, demo, discuss or stress)", required: true }],
  options: {
    out: { type: "string", valueName: "DIR", description: "write report.md and report.html here instead of into the run directory" },
  },
  examples: ["deeppersona report runs/wvs-ke-de", "deeppersona report runs/cars --out reports/cars"],
  async run(ctx) {
    const { resolve, join } = await import("node:path");
    const { buildRunReport, RUN_REPORT_HTML, RUN_REPORT_MD } = await import("../../scenarios/report/write-run-report.js");
    const { writeTextAtomic } = await import("../../core/store/write-text-atomic.js");
    const shown = ctx.positionals[0] as string;
    const dir = resolve(ctx.cwd, shown);
    // everything is read and built before anything is written
    const report = buildRunReport(dir, { shown, cwd: ctx.cwd });
    const out = typeof ctx.values.out === "string" ? resolve(ctx.cwd, ctx.values.out) : dir;
    makeDirectory(out);
    const files = { md: join(out, RUN_REPORT_MD), html: join(out, RUN_REPORT_HTML) };
    await writeTextAtomic(files.md, report.md);
    await writeTextAtomic(files.html, report.html);
    ctx.stdout.write(`report (${report.kind}): ${files.md}\nhtml: ${files.html}\n`);
    return 0;
  },
});
