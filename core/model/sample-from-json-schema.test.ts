import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRng } from "../rng.js";
import { toStrictJsonSchema, zodToJsonSchema } from "../structured/to-strict-json-schema.js";
import { formatDescriptionHints, parseDescriptionHints } from "./description-hints.js";
import { sampleFromJsonSchema } from "./sample-from-json-schema.js";

const Schema = z.object({
  name: z.string().min(3).max(40),
  age: z.number().int().min(18).max(90),
  height: z.number().gt(1.2).lt(2.2),
  count: z.number().int(),
  step: z.number().multipleOf(5).min(10).max(30),
  smoker: z.boolean(),
  mood: z.enum(["calm", "busy"]),
  fixed: z.literal("v1"),
  partner: z.string().nullable(),
  nickname: z.string().optional(),
  tags: z.array(z.string()).min(2).max(4),
  pets: z.array(z.object({ kind: z.enum(["cat", "dog"]), age: z.number().int().min(0).max(20) })).max(2),
  either: z.union([z.string(), z.number()]),
  born: z.string().date(),
  id: z.string().uuid(),
  contact: z.string().email(),
  cooking: z.string().describe("how often they cook; kind: frequency"),
  sport: z.string().describe("kind: quantity; unit: hours per week"),
  voted: z.string().describe("kind: yes-no"),
  since: z.string().describe("kind: period"),
  interest: z.string().describe("kind: level"),
  dish: z.string().describe("favourite dish; kind: text"),
  party: z.string().describe("party; options: left | centre | right."),
});

describe("sampleFromJsonSchema", () => {
  it("produces values valid for the plain and the strict schema, for many seeds", () => {
    for (const schema of [zodToJsonSchema(Schema), toStrictJsonSchema(Schema)]) {
      for (let seed = 0; seed < 50; seed++) {
        const v = sampleFromJsonSchema(schema, createRng(seed));
        const r = Schema.safeParse(v);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      }
    }
  });

  it("honours description hints", () => {
    const v = Schema.parse(sampleFromJsonSchema(zodToJsonSchema(Schema), createRng(3)));
    expect(["left", "centre", "right"]).toContain(v.party);
    expect(v.sport).toMatch(/^\d+ hours per week$/);
    expect(["yes", "no"]).toContain(v.voted);
    expect(v.since).toMatch(/^since \d{4}$|twenties|teens|childhood|years/);
    expect(["very low", "low", "moderate", "high", "very high"]).toContain(v.interest);
    expect(v.cooking).toMatch(/never|rarely|year|month|week|daily/);
    expect(v.dish).toMatch(/^synthetic favourite dish: /);
  });

  it("is a pure function of the rng seed", () => {
    const s = zodToJsonSchema(Schema);
    expect(sampleFromJsonSchema(s, createRng("x"))).toEqual(sampleFromJsonSchema(s, createRng("x")));
    expect(sampleFromJsonSchema(s, createRng("x"))).not.toEqual(sampleFromJsonSchema(s, createRng("y")));
  });

  it("fills nullable values and resolves $ref", () => {
    const v = sampleFromJsonSchema(
      {
        type: "object",
        properties: { a: { $ref: "#/$defs/A" }, b: { anyOf: [{ type: "null" }, { type: "integer", minimum: 5, maximum: 5 }] } },
        $defs: { A: { type: "string", enum: ["only"] } },
      },
      createRng(1),
    );
    expect(v).toEqual({ a: "only", b: 5 });
  });
});

describe("description hints", () => {
  it("parse and format round-trip", () => {
    const hints = { options: ["a", "b c"], kind: "quantity" as const, unit: "hours per week" };
    expect(parseDescriptionHints(`weekly sport; ${formatDescriptionHints(hints)}`)).toEqual(hints);
    expect(parseDescriptionHints("kind: nonsense")).toEqual({});
  });
});
