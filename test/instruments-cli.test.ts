// `instruments list` and `instruments show`: what a respondent reads, forward and reversed.
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./run-cli-captured.js";

describe("instruments commands", () => {
  it("list names every shipped instrument and the WVS list questions", async () => {
    const r = await runCliCaptured(["instruments", "list"]);
    expect(r.code).toBe(0);
    for (const id of ["wvs", "bigfive", "bfi44"]) expect(r.stdout).toMatch(new RegExp(`^${id} `, "m"));
    expect(r.stdout).toContain("batteries Q7-Q17, Q18-Q26");
  });

  it("show wvs --item Q184 --reversed keys 1 to 'Never justifiable', listed last", async () => {
    const r = await runCliCaptured(["instruments", "show", "wvs", "--item", "Q184", "--reversed"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const first = lines.indexOf("10 = Always justifiable");
    const last = lines.indexOf("1 = Never justifiable");
    expect(first).toBeGreaterThan(0);
    expect(last).toBe(first + 9);
    expect(lines.slice(first + 1, last)).toEqual(["9", "8", "7", "6", "5", "4", "3", "2"]);
    expect(r.stdout).toContain('1 means "never justifiable"');
  });

  it("show a battery member prints the whole list question once", async () => {
    const r = await runCliCaptured(["instruments", "show", "wvs", "--item", "Q8"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Please choose up to five.");
    expect(r.stdout).toContain("11 = Obedience");
    expect(r.stdout).toContain("at most 5");
  });

  it("unknown item → exit 2 with close matches", async () => {
    const r = await runCliCaptured(["instruments", "show", "wvs", "--item", "Q1844"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown item 'Q1844'/);
  });
});
