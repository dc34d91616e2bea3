// every item of every shipped instrument, rendered forward and reversed: stem and options agree,
// numeric scales are keyed by their codes, reversal only changes the listing order, every option
// is listed exactly once and maps back to its own code.
import { describe, expect, it } from "vitest";
import { getItem, INSTRUMENT_IDS, loadInstrument } from "./load-instrument.js";
import { itemOptions } from "./item-codes.js";
import { canReverse, formatOptionLines, keyToCode, presentItem, stemNamesNumbers } from "./present-item.js";
import { stemMentions, stemOptionConflicts } from "./stem-option-conflicts.js";

describe("render every item forward and reversed", () => {
  for (const id of INSTRUMENT_IDS) {
    const inst = loadInstrument(id);
    it(`${id}: ${inst.items.length} items × {forward, reversed} are consistent`, () => {
      let rendered = 0;
      for (const item of inst.items) {
        const codes = itemOptions(item).map((o) => o.code);
        for (const reverse of [false, true]) {
          const p = presentItem(item, { reverse });
          rendered++;
          expect(stemOptionConflicts(p), `${item.id} reverse=${reverse}`).toEqual([]);
          expect(p.options.map((o) => o.code)).toEqual(reverse && canReverse(item) ? [...codes].reverse() : codes);
          expect(new Set(p.answerKeys).size).toBe(p.answerKeys.length);
          for (const o of p.options) expect(keyToCode(p, o.key)).toBe(o.code);
          if (item.kind === "numeric-scale") {
            expect(p.keyStyle).toBe("code");
            for (const o of p.options) expect(o.key).toBe(String(o.code));
            // every code listed; the anchors carry their labels
            expect(formatOptionLines(p)).toHaveLength(item.max - item.min + 1);
          }
          if (p.keyStyle === "position") expect(stemNamesNumbers(`${item.wording} ${item.instruction ?? ""}`)).toBe(false);
        }
      }
      expect(rendered).toBe(inst.items.length * 2);
    });
  }

  it("Q184 reversed lists 10 first and keys 1 to 'Never justifiable', as the stem says", () => {
    const p = presentItem(getItem(loadInstrument("wvs"), "Q184"), { reverse: true });
    const lines = formatOptionLines(p);
    expect(lines[0]).toBe("10 = Always justifiable");
    expect(lines.at(-1)).toBe("1 = Never justifiable");
    expect(lines[1]).toBe("9");
    expect(keyToCode(p, "1")).toBe(1);
  });

  it("the checker catches a contradicting stem (the old position-keyed reversal)", () => {
    const p = presentItem(getItem(loadInstrument("wvs"), "Q184"), { reverse: true });
    const broken = { ...p, options: p.options.map((o, i) => ({ ...o, key: String(i + 1) })) };
    expect(stemOptionConflicts(broken).join("\n")).toMatch(/1 means "never justifiable" but option 1 reads "Always justifiable"/);
    expect(stemMentions('where 1 means "never justifiable" and 10 means "always justifiable"')).toEqual([
      { key: "1", says: "never justifiable" },
      { key: "10", says: "always justifiable" },
    ]);
  });

  it("a labelled scale whose stem names numbers is keyed by code", () => {
    const item = {
      ...getItem(loadInstrument("wvs"), "Q46"),
      wording: "How happy are you, where 1 means very happy and 4 means not at all happy?",
    };
    const p = presentItem(item, { reverse: true });
    expect(p.keyStyle).toBe("code");
    expect(p.answerKeys).toEqual(["4", "3", "2", "1"]);
    expect(stemOptionConflicts(p)).toEqual([]);
  });
});

describe("batteries (list questions)", () => {
  const wvs = loadInstrument("wvs");
  it("Q7–Q17: eleven qualities, choose up to five; Q18–Q26: nine groups, mention any; WVS codes 1/2", async () => {
    const { presentBattery, readBatteryAnswer, batteryOf } = await import("./present-battery.js");
    const child = batteryOf(wvs, "Q8");
    expect(child?.members).toHaveLength(11);
    expect(child?.maxChoices).toBe(5);
    expect(batteryOf(wvs, "Q19")?.kind).toBe("mention-any");
    expect(batteryOf(wvs, "Q46")).toBeUndefined();
    const p = presentBattery(child!, ["Q8", "Q14", "Q15", "Q17", "Q46"]);
    expect(p.recorded).toEqual(["Q8", "Q14", "Q15", "Q17"]);
    // key 2 = Independence (Q8), 9 = Religious faith (Q15)
    expect(readBatteryAnswer(p, ["2", "9", "9"])).toEqual({ status: "ok", codes: { Q8: 1, Q14: 2, Q15: 1, Q17: 2 } });
    expect(readBatteryAnswer(p, ["1", "2", "3", "4", "5", "6"]).status).toBe("invalid");
    expect(readBatteryAnswer(p, ["12"]).status).toBe("invalid");
    expect(readBatteryAnswer(p, [])).toEqual({ status: "ok", codes: { Q8: 2, Q14: 2, Q15: 2, Q17: 2 } });
    for (const m of child!.members) {
      const item = wvs.items.find((i) => i.id === m.item);
      if (item) expect(itemOptions(item).map((o) => o.code)).toEqual([1, 2]);
    }
  });
});
