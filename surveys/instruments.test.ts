// the shipped instruments: schema-valid, the items the issue requires, faithful options, item
// presentation (reversal mapped back to codes) and trait scoring.
import { describe, expect, it } from "vitest";
import { UsageError } from "../core/errors.js";
import { findItemAnywhere, getItem, INSTRUMENT_IDS, loadInstrument } from "./load-instrument.js";
import { classifyAnswer, itemOptions, scaleRange, validCodes } from "./item-codes.js";
import { canReverse, formatOptionLines, keyToCode, presentItem } from "./present-item.js";
import { scoreTraits } from "./score-traits.js";

describe("loadInstrument", () => {
  it("every shipped instrument parses, carries provenance, and ids are unique", () => {
    for (const id of INSTRUMENT_IDS) {
      const inst = loadInstrument(id);
      expect(inst.id).toBe(id);
      expect(inst.provenance.source.length).toBeGreaterThan(10);
      expect(inst.provenance.licence.length).toBeGreaterThan(5);
      expect(new Set(inst.items.map((i) => i.id)).size).toBe(inst.items.length);
    }
  });

  it("unknown instrument → UsageError naming the choices", () => {
    expect(() => loadInstrument("wvz")).toThrow(UsageError);
    expect(() => loadInstrument("wvz")).toThrow(/did you mean wvs/);
  });

  it("wvs: ≥ 30 items incl. the required ones; Q57 has two options; Q254 four with code 5 excluded", () => {
    const wvs = loadInstrument("wvs");
    expect(wvs.items.length).toBeGreaterThanOrEqual(30);
    const required = "Q45 Q46 Q57 Q58 Q59 Q60 Q61 Q62 Q63 Q184 Q209 Q218 Q254 Q8 Q14 Q15 Q17 Q154 Q164 Q182".split(" ");
    for (const id of required) expect(() => getItem(wvs, id), id).not.toThrow();
    expect(validCodes(getItem(wvs, "Q57"))).toEqual([1, 2]);
    const q254 = getItem(wvs, "Q254");
    expect(validCodes(q254)).toEqual([1, 2, 3, 4]);
    expect(q254.missingCodes.find((m) => m.code === 5)?.kind).toBe("excluded");
    expect(classifyAnswer(q254, 5)).toBe("missing");
    expect(getItem(wvs, "Q218").title.toLowerCase()).toContain("electronic");
    expect(getItem(wvs, "Q209").title.toLowerCase()).not.toContain("electronic");
    expect(itemOptions(getItem(wvs, "Q45")).map((o) => o.label)).toEqual(["Good thing", "Don't mind", "Bad thing"]);
    const q184 = getItem(wvs, "Q184");
    expect(q184.kind).toBe("numeric-scale");
    expect(scaleRange(q184)).toEqual({ min: 1, max: 10 });
    expect(itemOptions(q184)[0]?.label).toBe("Never justifiable");
    expect(getItem(wvs, "Q154").kind !== "open" && (getItem(wvs, "Q154") as { ordinal: boolean }).ordinal).toBe(false);
    const categories = new Set(wvs.items.map((i) => i.category));
    for (const c of ["values", "trust", "religion", "politics", "ethics"]) expect(categories.has(c), c).toBe(true);
  });

  it("bigfive: 50 IPIP items, 10 per trait, keys from the source; bfi44 carries its licence notice", () => {
    const bf = loadInstrument("bigfive");
    expect(bf.items).toHaveLength(50);
    expect(bf.scoring.kind).toBe("trait-means");
    if (bf.scoring.kind === "trait-means") for (const t of bf.scoring.traits) expect(t.items).toHaveLength(10);
    expect(getItem(bf, "EXT1").direction).toBe(1);
    expect(getItem(bf, "EXT2").direction).toBe(-1);
    expect(getItem(bf, "EST1").direction).toBe(1); // "I get stressed out easily" keys + for Neuroticism
    expect(getItem(bf, "EST2").direction).toBe(-1);
    const bfi = loadInstrument("bfi44");
    expect(bfi.items).toHaveLength(44);
    expect(bfi.licenceNotice).toMatch(/non-commercial/i);
  });

  it("findItemAnywhere looks across instruments", () => {
    expect(findItemAnywhere("Q46")?.instrument.id).toBe("wvs");
    expect(findItemAnywhere("OPN10")?.instrument.id).toBe("bigfive");
    expect(findItemAnywhere("nope")).toBeUndefined();
  });
});

describe("presentItem", () => {
  const wvs = loadInstrument("wvs");
  it("in order: keys 1..k are the codes", () => {
    const p = presentItem(getItem(wvs, "Q46"));
    expect(p.reversed).toBe(false);
    expect(p.answerKeys).toEqual(["1", "2", "3", "4"]);
    expect(formatOptionLines(p)[0]).toBe("1 = Very happy");
    expect(keyToCode(p, "4")).toBe(4);
    expect(keyToCode(p, "5")).toBeUndefined();
  });
  it("reversed ordinal item: displayed last code first, keys map back to codes", () => {
    const p = presentItem(getItem(wvs, "Q46"), { reverse: true });
    expect(p.reversed).toBe(true);
    expect(p.options.map((o) => o.label)).toEqual(["Not at all happy", "Not very happy", "Quite happy", "Very happy"]);
    expect(keyToCode(p, "1")).toBe(4);
    expect(keyToCode(p, 4)).toBe(1);
    const byCode = presentItem(getItem(wvs, "Q184"), { reverse: true, keyStyle: "code" });
    expect(byCode.answerKeys[0]).toBe("10");
    expect(keyToCode(byCode, "10")).toBe(10);
  });
  it("nominal items are never reversed", () => {
    const q154 = getItem(wvs, "Q154");
    expect(canReverse(q154)).toBe(false);
    expect(presentItem(q154, { reverse: true }).reversed).toBe(false);
  });
});

describe("scoreTraits", () => {
  const bf = loadInstrument("bigfive");
  it("reverse-keys (6 − x), means on 1–5 and POMP 0–100", () => {
    const answers: Record<string, number> = {};
    // Extraversion: + items answered 5, − items answered 1 → every scored value 5 → mean 5, POMP 100
    for (const item of bf.items) if (item.id.startsWith("EXT")) answers[item.id] = item.direction === 1 ? 5 : 1;
    // Agreeableness: everything answered 4 → + items 4, − items 2
    const agr = bf.items.filter((i) => i.id.startsWith("AGR"));
    for (const item of agr) answers[item.id] = 4;
    const s = scoreTraits(bf, answers);
    expect(s.E?.mean).toBe(5);
    expect(s.E?.pomp).toBe(100);
    const plus = agr.filter((i) => i.direction === 1).length;
    const expected = (plus * 4 + (agr.length - plus) * 2) / agr.length;
    expect(s.A?.mean).toBeCloseTo(expected, 12);
    expect(s.A?.pomp).toBeCloseTo(((expected - 1) / 4) * 100, 12);
    expect(s.O?.mean).toBeNull(); // nothing answered
    expect(s.O?.missing).toBe(10);
  });
  it("invalid answers are counted, not scored", () => {
    const s = scoreTraits(bf, { EXT1: 3, EXT2: 7, EXT3: 2.5 });
    expect(s.E?.answered).toBe(1);
    expect(s.E?.invalid).toBe(2);
    expect(s.E?.mean).toBeNull(); // 1 of 10 < half
  });
});
