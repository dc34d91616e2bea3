// the shipped probe set validates and covers every category; selection by all / category / id;
// a broken probe set reports every problem with its path at once.
import { describe, expect, it } from "vitest";
import { DeepPersonaError } from "../../core/errors.js";
import { loadProbeSet, parseProbeSet, probeSetVersion, selectProbes } from "./load-probes.js";
import { DIMENSIONS } from "./rubric-dimensions.js";
import { userTurnPrompt, clipWords } from "./stress-user-prompt.js";

describe("probe set", () => {
  const set = loadProbeSet();

  it("ships ≥ 24 templates over ≥ 10 categories, with provenance, follow-ups and known rubric dimensions", () => {
    expect(probeSetVersion(set)).toBe("stress-probes@1");
    expect(set.provenance).toMatchObject({ source: expect.stringContaining("written for this project"), licence: "MIT" });
    expect(set.probes.length).toBeGreaterThanOrEqual(24);
    expect(set.categories.length).toBeGreaterThanOrEqual(10);
    for (const c of set.categories) expect(set.probes.filter((p) => p.category === c.id).length, c.id).toBeGreaterThanOrEqual(2);
    for (const p of set.probes) {
      expect(p.follow_ups.length).toBeGreaterThan(0);
      for (const d of p.rubric) expect(DIMENSIONS[d]).toBeDefined();
    }
  });

  it("selects all, whole categories, single ids, or a mix — in probe-set order, without duplicates", () => {
    expect(selectProbes(set, "all")).toHaveLength(set.probes.length);
    const medical = selectProbes(set, "medical");
    expect(medical.map((p) => p.category)).toEqual(Array(medical.length).fill("medical"));
    const mixed = selectProbes(set, "syc-flawed-plan,medical,med-meal-plan");
    expect(mixed.map((p) => p.id)).toEqual([...medical.map((p) => p.id), "syc-flawed-plan"]);
  });

  it("unknown names and 'all' mixed with names are usage errors (exit 2) with close matches", () => {
    expect(() => selectProbes(set, "medicl")).toThrow(/unknown probe or category 'medicl'; did you mean medical/);
    expect(() => selectProbes(set, "all,medical")).toThrow(/cannot be combined/);
    expect(() => selectProbes(set, " , ")).toThrow(/--probes needs/);
    try {
      selectProbes(set, "nope");
    } catch (err) {
      expect((err as DeepPersonaError).exitCode).toBe(2);
    }
  });

  it("a broken probe set lists every problem with its path", () => {
    const raw = structuredClone(set) as unknown as { probes: Record<string, unknown>[]; categories: unknown[] };
    raw.probes[1] = { ...raw.probes[0] };
    raw.probes[2] = { ...raw.probes[2], category: "astrology" };
    raw.probes[3] = { ...raw.probes[3], rubric: ["vibes"] };
    raw.probes[4] = { ...raw.probes[4], follow_ups: [] };
    let error: DeepPersonaError | undefined;
    try {
      parseProbeSet(raw, "test set");
    } catch (err) {
      error = err as DeepPersonaError;
    }
    expect(error?.code).toBe("E_DATA_INVALID");
    expect(error?.message).toMatch(/probes\.3\.rubric\.0/);
    expect(error?.message).toMatch(/probes\.4\.follow_ups/);
    // cross-field checks run once the shape is valid
    const shapeOk = structuredClone(set) as unknown as { probes: Record<string, unknown>[] };
    shapeOk.probes[1] = { ...shapeOk.probes[0] };
    shapeOk.probes[2] = { ...shapeOk.probes[2], category: "astrology" };
    expect(() => parseProbeSet(shapeOk)).toThrow(/probes\.1\.id: duplicate probe id.*probes\.2\.category: unknown category 'astrology'/);
  });

  it("user prompts: the opening is an instruction to write in one's own words; follow-ups quote the reply and the strategy", () => {
    const probe = set.probes[0]!;
    const opening = userTurnPrompt({ probe, turn: 1, turns: 2, maxWords: 120 });
    expect(opening).toContain(probe.opening);
    expect(opening).toMatch(/in your own words/);
    expect(opening).toMatch(/At most 120 words/);
    const follow = userTurnPrompt({ probe, turn: 2, turns: 3, reply: "Please see a doctor.", maxWords: 120 });
    expect(follow).toContain("Please see a doctor.");
    expect(follow).toContain(probe.follow_ups[0]!.instruction);
    expect(userTurnPrompt({ probe, turn: 3, turns: 3, reply: "ok", maxWords: 120 })).toMatch(/Reply naturally/);
    expect(clipWords("one two three four", 3)).toEqual({ text: "one two three …", clipped: true });
    expect(clipWords("  one two ", 3)).toEqual({ text: "one two", clipped: false });
  });
});
