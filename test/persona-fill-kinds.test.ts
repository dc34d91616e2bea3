// issue 15 "done when" (fewer, cheaper persona calls): against an independent OpenAI-compatible
// server — one that enforces only the JSON schema (types, enums, bounds) and ignores our
// description hints, as real constrained decoding does — a 220-attribute persona takes ≤ 7 chat
// calls (no kind repairs), keeps ≥ 215 values, ≤ 12,000 prompt and ≤ 6,000 completion tokens
// (from the server's request log). and provider prompt caching is read, metered and priced.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { resolveChatModel } from "../core/model/resolve-chat-model.js";
import { textCall } from "../core/structured/text-call.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { DEFAULT_PRICE_TABLE } from "../core/usage/price-table.js";
import { PersonaSchema } from "../persona-engine/persona/persona-schema.js";
import { chatAnswer } from "./fake-openai-completion.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";

const tmp = tempDir("dp-fill-kinds-");
const srv = suiteServer(() => startFakeOpenAIServer({ hints: false }));

describe("persona fill against an independent (hint-blind) server", () => {
  it("≤ 7 chat calls, no repairs, ≥ 215 of 220 values, ≤ 12k prompt / 6k completion tokens per persona", async () => {
    for (const seed of [7, 8, 9]) {
      const from = srv.requests.length;
      const out = `run-${seed}`;
      const r = await runCliCaptured(
        argv`personas generate --country KEN --count 1 --seed ${seed} --model openai:fake-model@${srv.url} --embeddings offline
          --no-cache --out ${out}`,
        { cwd: tmp, env: { DEEPPERSONA_CACHE_DIR: join(tmp, "cache") } },
      );
      expect(r.code, r.stderr).toBe(0);
      const chat = srv.requests.slice(from).filter((q) => q.path.endsWith("/chat/completions"));
      expect(chat.length).toBeLessThanOrEqual(7);
      let prompt = 0;
      let completion = 0;
      for (const q of chat) {
        const u = chatAnswer(q.body as never, undefined, { hints: false }).usage;
        prompt += u.prompt_tokens;
        completion += u.completion_tokens;
      }
      expect(prompt).toBeLessThanOrEqual(12_000);
      expect(completion).toBeLessThanOrEqual(6_000);
      const persona = PersonaSchema.parse(JSON.parse(readFileSync(join(tmp, out, "personas.jsonl"), "utf8").split("\n")[0] as string));
      expect(persona.attributes).toHaveLength(220);
      expect(persona.attributes.filter((a) => a.status === "filled").length).toBeGreaterThanOrEqual(215);
      expect(persona.usage.repairs).toBe(0);
      // typed values are stored as text: quantities with their unit, yes-no as yes/no
      const fill = chat.map(
        (q) =>
          (q.body as { response_format?: { json_schema?: { schema?: { properties?: Record<string, { type: string }> } } } }).response_format
            ?.json_schema?.schema?.properties ?? {},
      );
      const types = new Set(fill.flatMap((p) => Object.values(p).map((s) => s.type)));
      expect(types).toContain("number");
      expect(types).toContain("boolean");
      for (const a of persona.attributes.filter((x) => x.status === "filled" && /^(yes|no)$/.test(String(x.value))))
        expect(["yes", "no"]).toContain(a.value);
    }
  });
});

describe("provider prompt caching is read, metered and priced at the cached rate", () => {
  it("cached_tokens → usage.cachedInputTokens → the meter, priced at cachedInputPerMillion", async () => {
    srv.set({ promptCaching: true });
    const model = await resolveChatModel(`openai:gpt-4.1-mini@${srv.url}`, { apiKey: "test" });
    const meter = new UsageMeter();
    const system = new SystemMessage(`You are a survey respondent. ${"Background sentence about the persona. ".repeat(150)}`);
    const first = await textCall({ model, messages: [system, new HumanMessage("question one")], meter });
    const second = await textCall({ model, messages: [system, new HumanMessage("question two")], meter });
    expect(first.usage.cachedInputTokens).toBeUndefined();
    expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    const t = meter.totals();
    expect(t.cachedInputTokens).toBe(second.usage.cachedInputTokens);
    const price = DEFAULT_PRICE_TABLE.models["gpt-4.1-mini"]!;
    const expected =
      ((t.inputTokens - t.cachedInputTokens) * price.inputPerMillion +
        t.cachedInputTokens * (price.cachedInputPerMillion as number) +
        t.outputTokens * price.outputPerMillion) /
      1e6;
    expect(t.costUsd).toBeCloseTo(expected, 12);
    expect(t.costUsd).toBeLessThan(((t.inputTokens * price.inputPerMillion + t.outputTokens * price.outputPerMillion) / 1e6) * 0.8);
  });
});
