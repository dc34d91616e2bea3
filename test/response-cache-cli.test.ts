// issue 15 "done when" (response cache): a survey run, then the same survey into a new --out —
// the second sends 0 chat requests (server log) and its responses.jsonl equals the first's apart
// from `cached` and the run id; adding an arm pays only for that arm; --no-cache sends everything.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ResponseRecord } from "../scenarios/survey/response-record.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";

const fake = fakeServerSuite("dp-response-cache-", { KEN: "Kenya", DEU: "Germany" }, 2);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
const chatCalls = () => fake.srv.requests.filter((r) => r.path === CHAT).length;
const env = { DEEPPERSONA_NO_CACHE: "0", DEEPPERSONA_CACHE_DIR: join(root, "cache") };
const survey = (out: string, extra: string[] = []) =>
  cli(
    argv`survey run --personas ${personas} --items Q45,Q46,Q57 --samples 2 --model openai:fake@${fake.srv.url} --seed 11 ${extra}
      --out ${join(root, out)}`,
    { env },
  );
const withoutCacheFields = (rows: ResponseRecord[]) => rows.map(({ cached: _c, run_id: _r, ...rest }) => rest);

describe("response cache (survey run against the fake server)", () => {
  it("the same survey into a new --out: 0 chat calls, identical rows apart from cached and run id; a new arm pays only for itself", async () => {
    const first = await survey("first");
    expect(first.code, first.stderr).toBe(0);
    const paid = chatCalls();
    expect(paid).toBe(4 * 3 * 2); // 4 personas × 3 items × 2 samples, isolated
    const firstRows = readRows(join(root, "first"));
    expect(firstRows.some((r) => r.cached)).toBe(false);

    const second = await survey("second");
    expect(second.code, second.stderr).toBe(0);
    expect(chatCalls()).toBe(paid); // nothing sent
    const secondRows = readRows(join(root, "second"));
    expect(secondRows).toHaveLength(firstRows.length);
    expect(secondRows.every((r) => r.cached === true)).toBe(true);
    expect(withoutCacheFields(secondRows)).toEqual(withoutCacheFields(firstRows));
    expect(second.stdout).toMatch(/calls 0 .*cache hits 24/);
    expect(first.stdout).toMatch(/cost per valid respondent: \$0\.0000 \(4 of 4 respondents/);
    const manifest = (out: string) => readJson(root, out, "manifest.json") as { usage: Record<string, unknown> };
    expect(manifest("first").usage).toMatchObject({ calls: 24, cache_hits: 0, failed_calls: 0, priced: false, sessions: 1 });
    expect(manifest("first").usage.input_tokens).toBeGreaterThan(0);
    expect(manifest("second").usage).toMatchObject({ calls: 0, input_tokens: 0, cache_hits: 24 });
    expect(readFileSync(join(root, "second", "report.md"), "utf8")).toMatch(/## Cost[\s\S]*\| 0 \| 24 \| 0 \|/);

    const third = await survey("third", ["--baseline", "cultural-prompting"]);
    expect(third.code, third.stderr).toBe(0);
    const thirdRows = readRows(join(root, "third"));
    const baselineRows = thirdRows.filter((r) => r.arm !== "deep");
    expect(baselineRows.length).toBeGreaterThan(0);
    expect(chatCalls() - paid).toBe(baselineRows.length); // only the new arm was paid for
    expect(thirdRows.filter((r) => r.arm === "deep").every((r) => r.cached)).toBe(true);
    expect(baselineRows.some((r) => r.cached)).toBe(false);
  });

  it("--no-cache sends every request again", async () => {
    const before = chatCalls();
    const r = await survey("uncached", ["--no-cache"]);
    expect(r.code, r.stderr).toBe(0);
    expect(chatCalls() - before).toBe(24);
    expect(readRows(join(root, "uncached")).some((x) => x.cached)).toBe(false);
  });

  it("cache stats counts the entries; cache prune --max-mb 0 empties it and the next run pays again", async () => {
    const stats = await cli(["cache", "stats", "--json"], { env });
    expect(stats.code, stats.stderr).toBe(0);
    const s = JSON.parse(stats.stdout) as { entries: number; bytes: number };
    expect(s.entries).toBeGreaterThanOrEqual(24);
    expect(s.bytes).toBeGreaterThan(0);
    const pruned = await cli(["cache", "prune", "--max-mb", "0", "--json"], { env });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(JSON.parse(pruned.stdout)).toMatchObject({ removed: s.entries, kept: 0 });
    const bad = await cli(["cache", "prune", "--older-than", "soon"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--older-than/);
    const before = chatCalls();
    const again = await survey("after-prune");
    expect(again.code, again.stderr).toBe(0);
    expect(chatCalls() - before).toBe(24);
  });
});
