// issue 14 "done when": a faulted run against the fake server — 10% 429, 5% 500, 5% malformed
// content, 2% requests that hang past --request-timeout — loses no record and duplicates none:
// the run (resumed while it ends early) finishes with every response exactly once. the faults
// are a deterministic function of the request index (no Math.random).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FakeReply } from "./fake-openai-server.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { chatReply } from "./chat-reply.js";

const fake = fakeServerSuite("dp-faulted-", { KEN: "Kenya", DEU: "Germany" }, 4);
const ITEMS = ["Q45", "Q46", "Q57", "Q184", "Q218", "Q254"];
const TOTAL = 8 * ITEMS.length;

/** the fault of request `i`: a fixed permutation of 0..99 gives exact rates per 100 requests */
function fault(i: number): "429" | "500" | "malformed" | "hang" | undefined {
  const slot = (i * 37 + 10) % 100; // offset 10: both hangs among the first 31 requests
  if (slot < 10) return "429";
  if (slot < 15) return "500";
  if (slot < 20) return "malformed";
  if (slot < 22) return "hang";
  return undefined;
}

describe("a faulted run against the fake server", { timeout: 300_000 }, () => {
  it("10% 429, 5% 500, 5% malformed, 2% hangs: 0 records lost, 0 duplicated, every retry an event", async () => {
    const seen = { "429": 0, "500": 0, malformed: 0, hang: 0 };
    fake.srv.set({
      handler: (req, index): FakeReply | undefined => {
        if (req.path !== "/v1/chat/completions") return undefined;
        const f = fault(index);
        if (f) seen[f]++;
        if (f === "429")
          return { status: 429, headers: { "retry-after": "0" }, json: { error: { message: "rate limited", type: "rate_limit_error" } } };
        if (f === "500") return { status: 500, json: { error: { message: "internal error", type: "server_error" } } };
        if (f === "malformed") return chatReply(req.body, '{"answer": ', 2);
        if (f === "hang") return "hang";
        return undefined;
      },
    });
    const out = join(fake.root, "faulted");
    const args = argv`survey run --instrument wvs --personas ${fake.personas} --items ${ITEMS.join(",")} --concurrency 4
      --model openai:fake@${fake.srv.url} --request-timeout 1500 --out ${out}`;
    const codes: number[] = [];
    let r = await cli(args);
    codes.push(r.code);
    // a session that ends early (failures past the retries) is resumed; every session is 0, 3 or 1
    for (let session = 0; session < 6 && r.code !== 0; session++) {
      expect([1, 3], r.stderr).toContain(r.code);
      r = await cli([...args, "--resume"]);
      codes.push(r.code);
    }
    expect(r.code, `${codes.join(",")}\n${r.stderr}`).toBe(0);
    const keys = readFileSync(join(out, "responses.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys).toHaveLength(TOTAL); // none lost
    expect(new Set(keys).size).toBe(TOTAL); // none duplicated
    const events = readJsonl<{ seq: number; type: string }>(out, "events.jsonl");
    expect(new Set(events.map((e) => e.seq)).size).toBe(events.length); // sequence numbers never repeat
    expect(events.filter((e) => e.type === "response")).toHaveLength(TOTAL);
    // every transient fault served (429, 500, a hang past the timeout) is a `retry` event, and
    // every malformed reply that was repaired a `repair` event
    const retries = events.filter((e) => e.type === "retry") as unknown as { reason: string }[];
    expect(retries).toHaveLength(seen["429"] + seen["500"] + seen.hang);
    expect(retries.filter((e) => /timeout/.test(e.reason))).toHaveLength(seen.hang);
    expect(events.filter((e) => e.type === "repair").length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "repair").length).toBeLessThanOrEqual(seen.malformed);
    // the faults really happened
    expect(seen["429"]).toBeGreaterThan(0);
    expect(seen["500"]).toBeGreaterThan(0);
    expect(seen.malformed).toBeGreaterThan(0);
    expect(seen.hang).toBeGreaterThan(0);
  });
});
