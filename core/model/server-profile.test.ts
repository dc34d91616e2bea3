import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../../test/fake-openai-server.js";
import { toStrictJsonSchema } from "../structured/to-strict-json-schema.js";
import { detectServerKind } from "./detect-server-kind.js";
import { parseModelSpec } from "./model-spec.js";
import { resolveServerProfile } from "./resolve-server-profile.js";
import { attachServerProfile, SERVER_PROFILES, serverProfileOf } from "./server-profile.js";

const Identity = z.object({ core_values: z.array(z.string().min(2).max(80)).min(3).max(5), age: z.number().int().min(0).max(120) });

describe("schemas compiled per server profile", () => {
  const valuesOf = (s: Record<string, unknown>) => (s.properties as Record<string, { items: Record<string, unknown> }>).core_values?.items;

  it("OpenAI strict: string limits become description text, numeric bounds are sent", () => {
    const s = toStrictJsonSchema(Identity, SERVER_PROFILES.openai);
    expect(valuesOf(s)).toEqual({ type: "string", description: "(at least 2 characters, at most 80 characters)" });
    expect((s.properties as Record<string, Record<string, unknown>>).age).toMatchObject({ minimum: 0, maximum: 120 });
    expect(toStrictJsonSchema(Identity)).toEqual(s); // no profile = the OpenAI dialect
  });

  it.each(["llamacpp", "vllm", "ollama"] as const)("%s grammar: string limits are sent for the server to enforce", (kind) => {
    const s = toStrictJsonSchema(Identity, SERVER_PROFILES[kind]);
    expect(valuesOf(s)).toEqual({ type: "string", minLength: 2, maxLength: 80 });
  });

  it("a model carries its profile; unknown models get the OpenAI one", () => {
    const model = attachServerProfile({}, SERVER_PROFILES.llamacpp);
    expect(serverProfileOf(model).kind).toBe("llamacpp");
    expect(serverProfileOf({}).kind).toBe("openai");
  });
});

describe("--server-kind auto", () => {
  let srv: FakeOpenAIServer;
  beforeAll(async () => {
    srv = await startFakeOpenAIServer();
  });
  afterAll(() => srv.close());

  const as = (answers: Record<string, unknown>) =>
    srv.set({ handler: (req) => (req.method === "GET" && answers[req.path] !== undefined ? { json: answers[req.path] } : undefined) });

  it("llama.cpp answers /props; vLLM owns its models; Ollama answers /api/tags; else openai", async () => {
    as({ "/props": { default_generation_settings: {} } });
    expect(await detectServerKind(srv.url)).toBe("llamacpp");
    as({ "/v1/models": { data: [{ id: "m", owned_by: "vllm" }] } });
    expect(await detectServerKind(srv.url)).toBe("vllm");
    as({ "/api/tags": { models: [] } });
    expect(await detectServerKind(srv.url)).toBe("ollama");
    as({});
    expect(await detectServerKind(srv.url)).toBe("openai");
  });

  it("an explicit kind wins, offline is offline, a bad kind is a usage error", async () => {
    as({ "/props": { default_generation_settings: {} } });
    const chat = parseModelSpec(`openai:m@${srv.url}`);
    expect((await resolveServerProfile({ chat })).kind).toBe("llamacpp");
    expect((await resolveServerProfile({ chat, kind: "vllm" })).kind).toBe("vllm");
    expect((await resolveServerProfile({ chat: parseModelSpec("offline") })).kind).toBe("offline");
    await expect(resolveServerProfile({ chat, kind: "tgi" })).rejects.toThrow(
      /--server-kind must be one of openai, vllm, llamacpp, ollama, auto, got 'tgi'/,
    );
  });
});
