// the model client end to end against the fake OpenAI-compatible server: the manifest records the
// server that answered (--base-url), --temperature/--top-p reach every request and every record,
// out-of-range sampling flags are usage errors, and every retried 429 is a `retry` event.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { readJson } from "./read-json.js";

const fake = fakeServerSuite("dp-client-fake-", { KEN: "Kenya", DEU: "Germany" }, 2);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
const chatRequests = () => fake.srv.requests.filter((r) => r.path === CHAT);
const base = () => argv`survey run --personas ${personas} --items Q45,Q46,Q57 --model openai:fake --base-url ${fake.srv.url}`;
const events = (dir: string) => readJsonl<{ type: string; [k: string]: unknown }>(dir, "events.jsonl");

describe("model client against the fake server", () => {
  it("manifest.json records the base URL; --temperature 0.7 --top-p 0.9 reach every request, the manifest config and every row", async () => {
    const out = join(root, "sampling");
    const r = await cli([...base(), "--temperature", "0.7", "--top-p", "0.9", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = readJson(out, "manifest.json");
    expect(manifest.models.chat).toBe(`openai:fake@${fake.srv.url}`);
    expect(manifest.config).toMatchObject({ temperature: 0.7, top_p: 0.9 });
    const requests = chatRequests();
    expect(requests).toHaveLength(12);
    for (const q of requests) expect(q.body).toMatchObject({ model: "fake", temperature: 0.7, top_p: 0.9, seed: expect.any(Number) });
    const rows = readRows(out);
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row).toMatchObject({ model: `openai:fake@${fake.srv.url}`, temperature: 0.7, top_p: 0.9 });
  });

  it("without the flags every request says temperature 1 and top_p 1 (never the provider's default)", async () => {
    const r = await cli([...base(), "--out", join(root, "defaults")]);
    expect(r.code, r.stderr).toBe(0);
    for (const q of chatRequests()) expect(q.body).toMatchObject({ temperature: 1, top_p: 1 });
  });

  it("out-of-range sampling flags → one line naming the flag, exit 2, nothing written", async () => {
    for (const [flag, value] of [
      ["--temperature", "2.5"],
      ["--temperature", "x"],
      ["--top-p", "0"],
      ["--top-p", "1.2"],
    ] as const) {
      const out = join(root, `bad-${flag}-${value}`);
      const r = await cli([...base(), flag, value, "--out", out]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${flag}.*got '${value.replace(".", "\\.")}'`));
      expect(existsSync(out)).toBe(false);
    }
    expect(chatRequests()).toHaveLength(0);
  });

  it("with 20% 429s every retry is a `retry` event (as many as 429s served) and the summary counts them", async () => {
    let served429 = 0;
    let posts = 0;
    fake.srv.set({
      handler: (req) => {
        if (req.path !== CHAT) return undefined;
        if (++posts % 5 !== 0) return undefined;
        served429++;
        return {
          status: 429,
          headers: { "retry-after-ms": "1" },
          json: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } },
        };
      },
    });
    const out = join(root, "faults");
    const r = await cli([...base(), "--concurrency", "4", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(served429).toBeGreaterThan(0);
    expect(chatRequests()).toHaveLength(12 + served429);
    const retries = events(out).filter((e) => e.type === "retry");
    expect(retries).toHaveLength(served429);
    for (const e of retries)
      expect(e).toMatchObject({
        reason: "429 rate limited",
        status: 429,
        attempt: expect.any(Number),
        model: `openai:fake@${fake.srv.url}`,
        key: expect.stringMatching(/^deep\//),
      });
    // each retried row says so in its attempts
    const attempts = readRows(out).reduce((n, row) => n + row.attempts, 0);
    expect(attempts).toBe(12 + served429);
    expect(r.stdout).toMatch(new RegExp(`retries ${served429}, repairs 0`));
  });

  it("a structured answer repaired once is a `repair` event", async () => {
    fake.srv.set({ contentFaults: ["violating"] });
    const out = join(root, "repair");
    const r = await cli([...base(), "--concurrency", "1", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const repairs = events(out).filter((e) => e.type === "repair");
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({ key: readRows(out)[0]!.key, model: `openai:fake@${fake.srv.url}` });
    expect(readRows(out)[0]).toMatchObject({ repaired: true, attempts: 2 });
    expect(r.stdout).toMatch(/retries 0, repairs 1/);
  });
});
