import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "instruments show",
  summary: "print an instrument's items exactly as a respondent reads them (forward or reversed)",
  description:
    "Prints the answering prompt of each item (or of --item) as `survey run` sends it in isolated mode: preamble, question,\n" +
    "the options in display order with their answer keys, and the answering instruction. --reversed shows the order a\n" +
    "reversed half of the personas sees. Numeric scales are keyed by their codes, so reversal only changes the listing order.",
  positionals: [{ name: "INSTRUMENT", description: "wvs | bigfive | bfi44, or a questionnaire file (.yaml/.json)", required: true }],
  options: {
    item: { type: "string", valueName: "ID", description: "one item (default: every item)" },
    reversed: { type: "boolean", description: "show the reversed option order (ordinal items)" },
    "no-refusal": { type: "boolean", description: "without the explicit refusal answer" },
  },
  examples: ["deeppersona instruments show wvs --item Q184 --reversed", "deeppersona instruments show examples/community-survey.yaml"],
  async run(ctx) {
    const { resolveInstrument } = await import("../../surveys/resolve-instrument.js");
    const { getItem } = await import("../../surveys/load-instrument.js");
    const { presentItem } = await import("../../surveys/present-item.js");
    const { batteryOf, presentBattery } = await import("../../surveys/present-battery.js");
    const { answerItemPrompt } = await import("../../agents/prompts/answer-item-prompt.js");
    const { answerBatteryPrompt } = await import("../../agents/prompts/answer-battery-prompt.js");
    const instrument = resolveInstrument(ctx.cwd, ctx.positionals[0] as string);
    const items = typeof ctx.values.item === "string" ? [getItem(instrument, ctx.values.item)] : instrument.items;
    const reverse = ctx.values.reversed === true;
    const allowRefusal = ctx.values["no-refusal"] !== true;
    const preamble = instrument.preamble;
    const blocks: string[] = [];
    const shown = new Set<string>();
    for (const item of items) {
      const battery = batteryOf(instrument, item.id);
      if (battery) {
        // a list question: asked once for all its members; each member item is recorded as its own row
        if (shown.has(battery.id)) continue;
        shown.add(battery.id);
        const recorded = battery.members.map((m) => m.item).filter((id) => instrument.items.some((i) => i.id === id));
        const p = presentBattery(battery, recorded);
        blocks.push(
          `── ${instrument.id} ${battery.id} (${battery.kind}${p.maxChoices ? ` ${p.maxChoices}` : ""}; one answer, recorded as ${p.recorded.join(" ")}; a list is never reversed)\n${answerBatteryPrompt({ battery: p, preamble, allowRefusal })}`,
        );
        continue;
      }
      if (item.kind === "open") {
        blocks.push(`── ${instrument.id} ${item.id} (open; not asked by survey run)\nQuestion ${item.id}: ${item.wording}`);
        continue;
      }
      const p = presentItem(item, { reverse });
      const order = p.reversed
        ? `reversed: listed ${p.options[0]?.code} → ${p.options.at(-1)?.code}`
        : reverse
          ? "not reversible (nominal): code order"
          : "code order";
      blocks.push(
        `── ${instrument.id} ${item.id} (${item.kind}; ${order}; keys are ${p.keyStyle === "code" ? "the codes" : "positions 1..k in display order"})\n${answerItemPrompt({ item: p, preamble, allowRefusal })}`,
      );
    }
    ctx.stdout.write(blocks.join("\n\n") + "\n");
    return 0;
  },
});
