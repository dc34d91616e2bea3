import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "instruments list",
  summary: "list the shipped survey instruments (items, scoring, licence)",
  description:
    "Each shipped instrument with its version, number of items by kind, scoring and licence. A questionnaire of your own\n(--instrument ./my-survey.yaml in `survey run`) is shown with `instruments show ./my-survey.yaml`.",
  options: {
    json: { type: "boolean", description: "print [{id, name, version, items, kinds, scoring, licence}] as JSON" },
  },
  examples: ["deeppersona instruments list", "deeppersona instruments list --json"],
  async run(ctx) {
    const { INSTRUMENT_IDS, loadInstrument } = await import("../../surveys/load-instrument.js");
    const rows = INSTRUMENT_IDS.map((id) => {
      const inst = loadInstrument(id);
      const kinds: Record<string, number> = {};
      for (const item of inst.items) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
      return {
        id,
        name: inst.name,
        version: inst.version,
        items: inst.items.length,
        kinds,
        scoring: inst.scoring.kind,
        licence: inst.provenance.licence,
        batteries: (inst.batteries ?? []).map((b) => b.id),
      };
    });
    if (printJson(ctx, rows, 1)) return 0;
    const lines = rows.map((r) => {
      const kinds = Object.entries(r.kinds).map(([k, n]) => `${n} ${k}`);
      const batteries = r.batteries.length ? `; batteries ${r.batteries.join(", ")}` : "";
      return `${r.id.padEnd(8)} ${r.name} (version ${r.version}) — ${r.items} items (${kinds.join(", ")}); scoring ${r.scoring}${batteries}\n${" ".repeat(9)}licence: ${r.licence}`;
    });
    ctx.stdout.write(`${lines.join("\n")}\nshow what a respondent reads: deeppersona instruments show wvs --item Q184 [--reversed]\n`);
    return 0;
  },
});
