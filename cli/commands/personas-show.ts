import { defineCommand, printJson } from "../command.js";
import { UsageError } from "../../core/errors.js";

export const command = defineCommand({
  name: "personas show",
  summary: "print one persona as a readable profile",
  positionals: [{ name: "DIR", description: "run directory (or personas.jsonl file)", required: true }],
  options: {
    id: { type: "string", valueName: "ID", description: "persona id (default: the first)" },
    json: { type: "boolean", description: "print the raw record" },
    "skip-invalid": { type: "boolean", description: "skip invalid lines of the file (counted on stderr) instead of stopping at the first" },
    "max-tokens": {
      type: "string",
      valueName: "N",
      description: "budget of the rendered profile (as an agent sees it)",
      default: "100000",
      range: { min: 1, max: 1000000 },
    },
  },
  examples: ["deeppersona personas show runs/ken --id KEN-7-0001"],
  async run(ctx) {
    const { readPersonasInput } = await import("../../scenarios/read-personas-file.js");
    const { sanitizeForTerminal } = await import("../../core/sanitize/sanitize-for-terminal.js");
    const { renderPersona } = await import("../../persona-engine/persona/render-persona.js");
    const { parsePositiveInt } = await import("../run-options.js");
    const { closeMatches } = await import("../../core/close-matches.js");
    const input = readPersonasInput(ctx.cwd, ctx.positionals[0] as string, { skipInvalid: Boolean(ctx.values["skip-invalid"]) });
    const personas = input.personas;
    const skipped = input.skipped.slice(0, 10).map((l) => l.line);
    if (skipped.length > 0)
      ctx.stderr.write(`personas show: skipped ${input.skipped.length} invalid line(s) (lines ${skipped.join(", ")})\n`);
    if (personas.length === 0) throw new UsageError(`no personas in '${ctx.positionals[0]}'`);
    const id = ctx.values.id as string | undefined;
    const persona = id === undefined ? personas[0] : personas.find((p) => p.id === id);
    if (!persona) {
      const ids = personas.map((p) => p.id);
      const hint = closeMatches(id as string, ids);
      throw new UsageError(
        `no persona '${sanitizeForTerminal(id as string, { singleLine: true })}'${hint.length ? `; close matches: ${hint.join(", ")}` : `; ids look like ${personas[0]?.id}`}`,
      );
    }
    if (printJson(ctx, persona, 2)) return 0;
    const maxTokens = parsePositiveInt("max-tokens", ctx.values["max-tokens"], { max: 1000000 });
    const head = `${persona.id} · ${persona.country} · model ${persona.model}${persona.synthetic_notice ? ` · ${persona.synthetic_notice}` : ""}`;
    const sources = persona.anchors.map((a) => `${a.field}=${String(a.value)} [${a.source}${a.table ? `: ${a.table}` : ""}]`).join("; ");
    const unfilled = persona.attributes.filter((a) => a.status === "unfilled");
    // persona text is model output: no escape sequences or control bytes reach the terminal
    ctx.stdout.write(
      sanitizeForTerminal(
        `${head}\nanchors: ${sources}\n\n${renderPersona(persona, { maxTokens })}\n${unfilled.length ? `\nunfilled (${unfilled.length}): ${unfilled.map((a) => `${a.path} — ${a.status === "unfilled" ? a.reason : ""}`).join("; ")}\n` : ""}`,
      ),
    );
    return 0;
  },
});
