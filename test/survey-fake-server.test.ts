// survey run against the fake OpenAI-compatible server: calls per persona in batched vs isolated
// mode (from the server's request log), budget stop + resume, invalid/refused statuses, and a
// provider without logprobs.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { chatReply } from "./chat-reply.js";

const fake = fakeServerSuite("dp-survey-fake-", { KEN: "Kenya", DEU: "Germany" }, 2);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
const chatRequests = () => fake.srv.requests.filter((r) => r.path === CHAT);

const base = (model = "fake") => argv`survey run --personas ${personas} --items Q45,Q46,Q57
  --model openai:${model}@${fake.srv.url}`;

describe("survey run against the fake server", () => {
  it("--mode batched: one chat call per persona per instrument", async () => {
    const r = await cli([...base(), "--mode", "batched", "--out", join(root, "batched")]);
    expect(r.code, r.stderr).toBe(0);
    expect(chatRequests()).toHaveLength(4);
    const body = chatRequests()[0]!.body as {
      response_format: { json_schema: { schema: { properties: Record<string, { enum: string[] }> } } };
    };
    expect(Object.keys(body.response_format.json_schema.schema.properties)).toEqual(["Q45", "Q46", "Q57"]);
    expect(readRows(join(root, "batched"))).toHaveLength(12);
  });

  it("--mode isolated: one chat call per item, each with its own request seed", async () => {
    const r = await cli([...base(), "--mode", "isolated", "--baseline", "cultural-prompting", "--out", join(root, "isolated")]);
    expect(r.code, r.stderr).toBe(0);
    expect(chatRequests()).toHaveLength(4 * 3 * 2);
    const seeds = chatRequests().map((q) => (q.body as { seed?: number }).seed);
    expect(new Set(seeds).size).toBe(24);
    const rows = readRows(join(root, "isolated"));
    expect(rows).toHaveLength(24);
    expect(rows.every((x) => x.model === `openai:fake@${fake.srv.url}` && x.usage.total_tokens > 0)).toBe(true);
  });

  it("output invalid after the repair → status invalid with raw text and reason; refusals → refused", async () => {
    fake.srv.set({ contentFaults: ["violating", "violating"] });
    const r = await cli([...base(), "--concurrency", "1", "--out", join(root, "faults")]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(join(root, "faults"));
    expect(rows[0]).toMatchObject({ status: "invalid", value: null, raw: '{"unexpected_field":true}', attempts: 2, repaired: true });
    expect(rows[0]!.reason).toMatch(/answer/);
    const statuses = new Set(rows.map((x) => x.status));
    expect(statuses.has("ok")).toBe(true);
    const metrics = readJson(root, "faults", "metrics.json");
    expect(metrics.status_counts.deep.invalid).toBe(1);
    expect(metrics.synthetic).toBe(false);
  });

  it("most answers invalid → the run is reported as failed (exit 1), never as success", async () => {
    fake.srv.set({ contentFaults: Array(40).fill("malformed") });
    const r = await cli([...base(), "--concurrency", "1", "--out", join(root, "junk")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed — 12 of 12 answers were invalid/);
    expect(readJson(root, "junk", "manifest.json").status).toBe("failed");
  });

  it("a budget cap stops cleanly as resumable (exit 3); --resume with a larger cap completes", async () => {
    const out = join(root, "budget");
    const args = [...base("gpt-4.1-mini"), "--concurrency", "1", "--out", out];
    const r = await cli([...args, "--budget-usd", "0.001"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/budget cap reached/);
    const partial = readRows(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(12);
    expect(readJson(out, "manifest.json")).toMatchObject({ status: "incomplete" });
    const before = chatRequests().length;
    const resumed = await cli([...args, "--resume", "--budget-usd", "10"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readRows(out)).toHaveLength(12);
    expect(chatRequests().length - before).toBe(12 - partial);
  });

  it("a provider that returns no logprobs → exit 2 with one line suggesting --answer sample", async () => {
    fake.srv.set({
      handler: (req) => (req.path === CHAT ? chatReply(req.body, "2", 1) : undefined),
    });
    const r = await cli([...base(), "--answer", "logprob", "--out", join(root, "nologprobs")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no logprobs.*--answer sample/);
    expect(
      r.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("responses") && !l.startsWith("deeppersona: no price")).length,
    ).toBe(1);
    expect(chatRequests().length).toBeLessThanOrEqual(8); // stopped at once, not after every item
  });
});
