// the arms' profiles and the calls that bypass the persona agent: uniform draws, Tao et al.'s
// ten wordings, depth ablations that show exactly k attributes, the whole profile on "all".
import { describe, expect, it } from "vitest";
import { testPersona } from "../../test/fixtures/test-persona.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { presentItem } from "../../surveys/present-item.js";
import { batteryOf, presentBattery } from "../../surveys/present-battery.js";
import { readPlainAnswer, taoQuestionPrompt, taoSystemPrompt, TAO_DESCRIPTORS } from "../../agents/prompts/tao2024-prompt.js";
import { armProfile, countRenderedAttributes } from "./arm-profile.js";
import { uniformAnswer, uniformBattery } from "./arm-calls.js";
import { parseDepths, parseBaselines } from "./survey-flags.js";

function deepPersona(n: number, index = 0): Persona {
  const attributes = Array.from({ length: n }, (_, i) => ({
    path: `Area ${i} > Facet ${i} > Leaf ${i}`,
    category: "Area",
    tier: (["near", "mid", "far"] as const)[i % 3] as "near" | "mid" | "far",
    status: "filled" as const,
    value: `value number ${i} with some words to take space`,
    source: "llm" as const,
  }));
  return testPersona({ id: `DEU-${index}`, country: "DEU", countryName: "Germany", index, attributes });
}

describe("armProfile", () => {
  it("deep-<k> shows exactly the first k attributes in walk order; the budget holds all k", () => {
    const p = deepPersona(220);
    for (const k of [25, 100, 220]) {
      const prof = armProfile(`deep-${k}`, p, { profileTokens: 1500 });
      expect(prof.attributesShown).toBe(k);
      expect(countRenderedAttributes(prof.text)).toBe(k);
      expect(prof.text).toContain(`Leaf ${k - 1}:`);
      expect(prof.text).not.toContain(`Leaf ${k}:`);
    }
    expect(armProfile("deep-500", p, { profileTokens: 1500 }).attributesShown).toBe(220);
  });

  it("deep is cut to --profile-tokens; 'all' renders every attribute", () => {
    const p = deepPersona(220);
    const cut = armProfile("deep", p, { profileTokens: 1500 });
    expect(cut.attributesShown).toBeGreaterThan(10);
    expect(cut.attributesShown).toBeLessThan(220);
    expect(cut.profileTokens).toBeLessThanOrEqual(1500);
    const all = armProfile("deep", p, { profileTokens: "all" });
    expect(all.attributesShown).toBe(220);
    expect(all.profileTokens).toBeGreaterThan(1500);
  });

  it("persona-less arms show nothing; demographics counts its anchors", () => {
    const p = deepPersona(30);
    expect(armProfile("empty", p, { profileTokens: 1500 })).toEqual({ text: "", attributesShown: 0, profileTokens: 0 });
    expect(armProfile("uniform", p, { profileTokens: 1500 }).text).toBe("");
    expect(armProfile("cultural-prompting", p, { profileTokens: 1500 }).text).toBe(
      "You are an average human being born in Germany and living in Germany.",
    );
    const demo = armProfile("demographics", p, { profileTokens: 1500 });
    expect(demo.attributesShown).toBe(4); // sex, age, education, settlement (region is null)
    expect(demo.text).not.toContain("Leaf");
  });

  it("tao2024: ten wordings rotate across personas by index", () => {
    const systems = Array.from({ length: 10 }, (_, i) => armProfile("tao2024", deepPersona(3, i), { profileTokens: 1500 }));
    expect(new Set(systems.map((s) => s.text)).size).toBe(10);
    expect(systems.map((s) => s.variant)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(armProfile("tao2024", deepPersona(3, 10), { profileTokens: 1500 }).text).toBe(systems[0]?.text);
    expect(taoSystemPrompt("Kenya", 9)).toBe(
      "You are a world citizen born in Kenya and living in Kenya responding to the following survey question.",
    );
    expect(TAO_DESCRIPTORS).toHaveLength(10);
  });
});

describe("tao2024 question and plain answers", () => {
  const q184 = presentItem(getItem(loadInstrument("wvs"), "Q184"), { reverse: true });
  it("asks for the number only and reads the first valid number", () => {
    const prompt = taoQuestionPrompt(q184);
    expect(prompt).toMatch(/^Question: Please tell me/);
    expect(prompt).toContain("please do not give reasons. Your score number:");
    expect(prompt).toContain("1 = Never justifiable");
    expect(readPlainAnswer("My score: 7.", q184.answerKeys)).toBe("7");
    expect(readPlainAnswer("0 or 11? then 10", q184.answerKeys)).toBe("10");
    expect(readPlainAnswer("no idea", q184.answerKeys)).toBeUndefined();
  });
});

describe("uniform arm (no model call)", () => {
  it("draws every valid code about equally often, reproducibly", () => {
    const q184 = presentItem(getItem(loadInstrument("wvs"), "Q184"), { reverse: true });
    const counts = new Map<number, number>();
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const { answer, call } = uniformAnswer(q184, 3, `uniform/P${i}/Q184/0`);
      counts.set(answer.value as number, (counts.get(answer.value as number) ?? 0) + 1);
      if (i === 0) expect(call.usage.totalTokens).toBe(0);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // each share within ±4 standard errors of 1/10
    const se = Math.sqrt((0.1 * 0.9) / n);
    for (const c of counts.values()) expect(Math.abs(c / n - 0.1)).toBeLessThan(4 * se);
    expect(uniformAnswer(q184, 3, "k").answer.value).toBe(uniformAnswer(q184, 3, "k").answer.value);
  });

  it("a choose-up-to-five list never mentions more than five", () => {
    const wvs = loadInstrument("wvs");
    const b = presentBattery(batteryOf(wvs, "Q8")!, ["Q8", "Q14", "Q15", "Q17"]);
    for (let i = 0; i < 300; i++) {
      const { answers } = uniformBattery(b, 1, `uniform/P${i}/Q7-Q17/0`);
      expect(answers.map((a) => a.itemId)).toEqual(["Q8", "Q14", "Q15", "Q17"]);
      for (const a of answers) expect([1, 2]).toContain(a.value);
      const mentioned = JSON.parse(answers[0]!.raw).mentioned as string[];
      expect(mentioned.length).toBeLessThanOrEqual(5);
    }
  });
});

describe("--baseline and --depths", () => {
  it("parse into arms; bad values name the fix", () => {
    expect(parseBaselines(["uniform,tao2024", "empty"])).toEqual(["deep", "uniform", "tao2024", "empty"]);
    expect(() => parseBaselines(["tao"])).toThrow(
      /unknown baseline 'tao'; known: none, uniform, tao2024, empty, demographics, cultural-prompting/,
    );
    expect(parseDepths("220,25,25")).toEqual(["deep-25", "deep-220"]);
    expect(() => parseDepths("25,x")).toThrow(/--depths takes attribute counts/);
  });
});
