import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dropOptionalNulls } from "./drop-optional-nulls.js";
import { parseJsonOutput } from "./parse-json-output.js";
import { toStrictJsonSchema, zodToJsonSchema } from "./to-strict-json-schema.js";

const Schema = z.object({
  name: z.string().min(2).describe("full name"),
  age: z.number().int().min(0).max(120).optional(),
  mood: z.enum(["calm", "busy"]).optional(),
  partner: z.string().nullable(),
  tags: z.array(z.object({ label: z.string(), weight: z.number().optional() })).max(3),
  either: z.union([z.string(), z.number()]),
  email: z.string().email(),
  level: z.string().default("moderate"),
});

describe("toStrictJsonSchema", () => {
  const strict = toStrictJsonSchema(Schema);
  const props = strict.properties as Record<string, Record<string, unknown>>;

  it("lists every property in required and forbids extra properties, recursively", () => {
    expect(strict.required).toEqual(["name", "age", "mood", "partner", "tags", "either", "email", "level"]);
    expect(strict.additionalProperties).toBe(false);
    const item = (props.tags as { items: Record<string, unknown> }).items;
    expect(item.required).toEqual(["label", "weight"]);
    expect(item.additionalProperties).toBe(false);
  });

  it("expresses optional properties as nullable", () => {
    expect(props.age?.type).toEqual(["integer", "null"]);
    expect(props.mood?.anyOf).toEqual([{ type: "string", enum: ["calm", "busy"] }, { type: "null" }]);
    expect(props.level?.type).toEqual(["string", "null"]);
    expect(props.partner?.type).toEqual(["string", "null"]);
  });

  it("drops keywords strict mode rejects, keeping length limits as words", () => {
    expect(strict.$schema).toBeUndefined();
    expect(props.name).toEqual({ type: "string", description: "full name (at least 2 characters)" });
    expect(props.level?.default).toBeUndefined();
    expect(props.email?.format).toBe("email");
    expect(props.either?.anyOf).toEqual([{ type: "string" }, { type: "number" }]);
    expect(JSON.stringify(strict)).not.toMatch(/minLength|maxLength|propertyNames|"default"/);
  });

  it("refuses what strict mode cannot express, naming the path", () => {
    expect(() => toStrictJsonSchema(z.object({ m: z.record(z.string(), z.number()) }))).toThrow(/record .* at \$\.m/);
    expect(() => toStrictJsonSchema(z.object({ t: z.tuple([z.string(), z.number()]) }))).toThrow(/tuple at \$\.t/);
    expect(() => toStrictJsonSchema(z.object({ u: z.unknown() }))).toThrow(/unconstrained/);
    expect(() => toStrictJsonSchema(z.string())).toThrow(/object at the root/);
  });

  it("handles recursive schemas through $defs / $ref", () => {
    type Node = { label: string; children: Node[] };
    const NodeSchema: z.ZodType<Node> = z.lazy(() => z.object({ label: z.string(), children: z.array(NodeSchema) }));
    const strictTree = toStrictJsonSchema(z.object({ root: NodeSchema }));
    expect(JSON.stringify(strictTree)).toMatch(/\$ref/);
  });
});

describe("dropOptionalNulls + parseJsonOutput", () => {
  const plain = zodToJsonSchema(Schema);
  it("turns nulls of optional properties back into absent keys, keeps nullable ones", () => {
    const raw = {
      name: "Ana",
      age: null,
      mood: null,
      partner: null,
      tags: [{ label: "x", weight: null }],
      either: 1,
      email: "a@b.co",
      level: null,
    };
    const cleaned = dropOptionalNulls(raw, plain) as Record<string, unknown>;
    expect(cleaned).toEqual({ name: "Ana", partner: null, tags: [{ label: "x" }], either: 1, email: "a@b.co" });
    expect(Schema.parse(cleaned).level).toBe("moderate");
  });

  it("strips ```json fences and surrounding prose; reports bad JSON", () => {
    expect(parseJsonOutput('```json\n{"a":1}\n```')).toEqual({ a: 1 });
    expect(parseJsonOutput('Here you go: {"a":1} hope it helps')).toEqual({ a: 1 });
    expect(() => parseJsonOutput('{"a":')).toThrow(/invalid JSON/);
    expect(() => parseJsonOutput("  ")).toThrow(/empty output/);
  });
});
