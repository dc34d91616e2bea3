// issue 15 "done when" (know the bill): `--dry-run --json` predicts the calls exactly and the
// tokens within ±25% of what the fake server counts for the same run, for a survey and a persona
// run; nothing is written or sent; cache hits are predicted; an unpriced model with --budget-usd
// exits 2 naming --prices.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "./fake-openai-server.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";

const fake = fakeServerSuite("dp-dry-run-", { KEN: "Kenya", DEU: "Germany" }, 2);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
const chat = () => fake.srv.requests.filter((r) => r.path === CHAT);

/** what the fake server billed: its own usage rule (test/fake-openai-completion.ts) over the logged requests */
async function served(reqs: RecordedRequest[]): Promise<{ prompt: number; completion: number }> {
  const { chatAnswer } = await import("./fake-openai-completion.js");
  let prompt = 0;
  let completion = 0;
  for (const r of reqs) {
    const u = chatAnswer(r.body as never).usage;
    prompt += u.prompt_tokens;
    completion += u.completion_tokens;
  }
  return { prompt, completion };
}

type Plan = Record<
  "calls" | "prompt_tokens" | "completion_tokens" | "usd" | "usd_low" | "usd_high" | "wall_seconds" | "cache_hits",
  number
>;

const within = (predicted: number, actual: number, tolerance: number) => Math.abs(predicted - actual) / actual <= tolerance;

/** the plan's calls equal the requests the server got; its tokens are within ±25% of what the server billed */
async function expectPlanMatches(plan: Plan): Promise<RecordedRequest[]> {
  const reqs = chat();
  expect(plan.calls).toBe(reqs.length);
  const billed = await served(reqs);
  expect(within(plan.prompt_tokens, billed.prompt, 0.25), `prompt ${plan.prompt_tokens} vs ${billed.prompt}`).toBe(true);
  expect(within(plan.completion_tokens, billed.completion, 0.25), `completion ${plan.completion_tokens} vs ${billed.completion}`).toBe(
    true,
  );
  return reqs;
}

describe("--dry-run --json against the fake server", () => {
  it("survey run: exact calls, tokens within ±25%, nothing written or sent, cache hits predicted", async () => {
    const env = { DEEPPERSONA_NO_CACHE: "0", DEEPPERSONA_CACHE_DIR: join(root, "cache") };
    const args = argv`survey run --personas ${personas} --items Q45,Q46,Q57 --baseline demographics
      --model openai:gpt-4.1-mini@${fake.srv.url} --seed 3`;
    const dry = await cli([...args, "--out", join(root, "planned"), "--dry-run", "--json"], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(chat()).toHaveLength(0); // nothing sent
    expect(existsSync(join(root, "planned"))).toBe(false); // nothing written
    expect(existsSync(join(root, "cache"))).toBe(false);
    const plan = JSON.parse(dry.stdout) as Plan;
    expect(plan.cache_hits).toBe(0);
    expect(plan.usd).toBeGreaterThan(0);
    expect(plan.usd_low).toBeLessThan(plan.usd);
    expect(plan.usd_high).toBeGreaterThan(plan.usd);

    const real = await cli([...args, "--out", join(root, "real")], { env });
    expect(real.code, real.stderr).toBe(0);
    const reqs = await expectPlanMatches(plan);

    // the same run again: everything is in the cache now
    const again = await cli([...args, "--out", join(root, "again"), "--dry-run", "--json"], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ calls: 0, cache_hits: reqs.length, usd: 0 });
  });

  it("personas generate: exact calls, tokens within ±25%", async () => {
    const args = argv`personas generate --country KEN --count 2 --seed 5 --model openai:fake-model@${fake.srv.url}
      --embeddings offline`;
    const dry = await cli([...args, "--out", join(root, "p-planned"), "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/no price for 'fake-model'/);
    expect(chat()).toHaveLength(0);
    const plan = JSON.parse(dry.stdout) as Plan;
    const real = await cli([...args, "--out", join(root, "p-real")]);
    expect(real.code, real.stderr).toBe(0);
    await expectPlanMatches(plan);
    expect(readdirSync(root).includes("p-planned")).toBe(false);
  });

  it("an unpriced model with --budget-usd exits 2 naming --prices, before anything is written", async () => {
    const r = await cli(argv`survey run --personas ${personas} --items Q45 --model openai:fake-model@${fake.srv.url}
      --budget-usd 1 --out ${join(root, "unpriced")}`);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/'fake-model'.*--prices/);
    expect(existsSync(join(root, "unpriced"))).toBe(false);
    expect(chat()).toHaveLength(0);
  });
});
