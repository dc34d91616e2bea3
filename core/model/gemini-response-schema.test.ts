import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toStrictJsonSchema } from "../structured/to-strict-json-schema.js";
import { geminiResponseSchema } from "./gemini-response-schema.js";

describe("geminiResponseSchema", () => {
  it("turns a strict schema into Gemini's OpenAPI subset", () => {
    const strict = toStrictJsonSchema(
      z.object({
        name: z.string().describe("full name"),
        age: z.number().int().min(18).max(99),
        nickname: z.string().optional(),
        party: z.enum(["left", "right"]),
        partner: z.object({ name: z.string() }).nullable(),
        tags: z.array(z.string()).min(1).max(3),
      }),
    );
    expect(geminiResponseSchema(strict)).toEqual({
      type: "object",
      properties: {
        name: { type: "string", description: "full name" },
        age: { type: "integer", minimum: 18, maximum: 99 },
        nickname: { type: "string", nullable: true },
        party: { type: "string", enum: ["left", "right"] },
        partner: {
          type: "object",
          properties: { name: { type: "string" } },
          required: ["name"],
          propertyOrdering: ["name"],
          nullable: true,
        },
        tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 3 },
      },
      required: ["name", "age", "nickname", "party", "partner", "tags"],
      propertyOrdering: ["name", "age", "nickname", "party", "partner", "tags"],
    });
  });

  it("inlines $refs, keeps true unions as anyOf, const as a one-value enum; rejects recursion", () => {
    const schema = {
      type: "object",
      properties: {
        a: { $ref: "#/$defs/A" },
        b: { anyOf: [{ type: "string" }, { type: "number" }, { type: "null" }] },
        c: { type: "string", const: "x" },
      },
      required: ["a", "b", "c"],
      additionalProperties: false,
      $defs: { A: { type: "object", properties: { v: { type: "boolean" } }, required: ["v"], additionalProperties: false } },
    };
    const out = geminiResponseSchema(schema);
    expect(JSON.stringify(out)).not.toMatch(/\$ref|\$defs|additionalProperties/);
    expect((out.properties as Record<string, unknown>).a).toEqual({
      type: "object",
      properties: { v: { type: "boolean" } },
      required: ["v"],
      propertyOrdering: ["v"],
    });
    expect((out.properties as Record<string, unknown>).b).toEqual({ anyOf: [{ type: "string" }, { type: "number" }], nullable: true });
    expect((out.properties as Record<string, unknown>).c).toEqual({ type: "string", enum: ["x"] });
    const loop = { type: "object", properties: { next: { $ref: "#/$defs/L" } }, required: ["next"] };
    expect(() => geminiResponseSchema({ ...loop, $defs: { L: loop } })).toThrow(/too deeply/);
    expect(() => geminiResponseSchema({ type: "object", properties: { x: { $ref: "#/$defs/missing" } } })).toThrow(/unresolvable/);
  });
});
