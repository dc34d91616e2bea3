// the dashboard end to end, offline: `survey run` in a non-terminal keeps the line progress (no
// ink escape codes), its events carry answers and usage, `deeppersona dashboard DIR` prints the
// final frame and exits 0 (also for runs written before response events carried answers), its
// JS distances equal metrics.json, report.html has an svg per item × country and the same bytes
// on a second identical run. spawns the built bin for the real non-tty paths (dist/ is built by
// `npm test`, or once by the e2e global setup).
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ItemDistributionMetrics } from "../scenarios/survey/item-distribution-metrics.js";
import { dashboardView } from "../cli/dashboard/dashboard-view.js";
import { foldRunEvents } from "../cli/dashboard/fold-run-event.js";
import { parseRunEvents } from "../cli/dashboard/parse-run-events.js";
import { manifestDashboardContext } from "../cli/dashboard/survey-dashboard-context.js";
import { TEST_CACHE_DIR, cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repo, "dist", "cli", "main.js");
const root = tempDir("dp-dashboard-");
const ITEMS = ["Q45", "Q46"];
const surveyArgs = (out: string) => argv`survey run --countries KEN --per-country 3 --items ${ITEMS.join(",")} --bootstrap 50
  --out ${out}`;
const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env, DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR };
  delete e.CI;
  delete e.FORCE_COLOR;
  return e;
};
const run = (argv: string[]) =>
  spawnSync(process.execPath, [bin, ...argv], { cwd: root, env: env(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const dirA = join(root, "a", "ken");
const events = (dir: string) => readJsonl<Record<string, unknown>>(dir, "events.jsonl");

describe("survey run without a terminal", () => {
  it("prints line progress on stderr and the summary on stdout, with no ink escape codes", () => {
    const r = run(surveyArgs(dirA));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/personas 3\/3/);
    expect(r.stderr).toMatch(/responses 6\/6 {2}this session: ok \d · refused \d · invalid 0/);
    expect(r.stderr).not.toMatch(/\u001b/);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/arm\s+rows\s+ok\s+refused/);
    expect(r.stdout).toContain("report.html");
  });

  it("writes response events with arm, country, item, value, status and usage totals on tasks-start and run-end", () => {
    const all = events(dirA);
    const responses = all.filter((e) => e.type === "response");
    expect(responses).toHaveLength(6);
    for (const e of responses) {
      expect(e).toMatchObject({ arm: "deep", country: "KEN", item: e.item_id, status: expect.stringMatching(/^(ok|refused|invalid)$/) });
      expect(e.status === "ok" ? typeof e.value : e.value).toBe(e.status === "ok" ? "number" : null);
    }
    for (const type of ["tasks-start", "run-end"]) {
      for (const e of all.filter((x) => x.type === type)) expect(e).toMatchObject({ tokens: expect.any(Number), cost_usd: 0 });
    }
    expect((all.find((e) => e.type === "run-end") as { tokens: number }).tokens).toBeGreaterThan(0);
  });
});

describe("deeppersona dashboard DIR", () => {
  it("prints the final frame as plain text and exits 0", () => {
    const r = run(["dashboard", dirA, "--width", "100"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/deeppersona survey run complete {2}survey-run-[0-9a-f]{8}\nmodel offline/); // the run id names what was asked, not the directory
    expect(r.stdout).toContain("SYNTHETIC");
    expect(r.stdout).toMatch(/personas\s+█+\s+3\/3/);
    expect(r.stdout).toMatch(/responses\s+█+\s+6\/6/);
    expect(r.stdout).toContain("Q45 Future changes: Greater respect for authority — KEN");
    expect(r.stdout).toMatch(/WVS-7 2021 n=\d+/);
    expect(r.stdout).toMatch(/deep n=\d/);
    expect(r.stdout).toMatch(/JS \d\.\d{3}/);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    const follow = run(["dashboard", dirA, "--follow", "--item", "Q46", "--width", "100"]);
    expect(follow.status, follow.stderr).toBe(0);
    expect(follow.stdout).toContain("Q46 Feeling of happiness — KEN");
  });

  it("its JS and KS equal metrics.json (same recipe, from the folded counts)", () => {
    const metrics = readJson(dirA, "metrics.json") as ItemDistributionMetrics;
    const context = manifestDashboardContext(readJson(dirA, "manifest.json"));
    const state = foldRunEvents(parseRunEvents(readFileSync(join(dirA, "events.jsonl"), "utf8")).events);
    const view = dashboardView(state, context, { item: 0, country: 0 });
    for (const row of view.table?.rows ?? []) {
      // the dashboard folds the raw answer counts: with raking (the default) metrics.json keeps
      // those raw figures next to the weighted comparison, as `unweighted`
      const cell = metrics.results.deep?.KEN?.[row.item];
      expect(cell?.unweighted).toBeDefined();
      const cmp = cell?.unweighted;
      expect(row.cells[0]?.js).toBeCloseTo(cmp?.js_distance as number, 12);
      expect(row.cells[0]?.ks).toBeCloseTo(cmp?.ks as number, 12);
    }
    expect(view.table?.rows).toHaveLength(2);
  });

  it("replays a run written before response events carried answers (completed from responses.jsonl)", async () => {
    const old = join(root, "old");
    cpSync(dirA, old, { recursive: true });
    const stripped = events(dirA).map((e) => {
      if (e.type !== "response") return e;
      const { item: _i, value: _v, arm: _a, country: _c, ...rest } = e;
      return rest;
    });
    writeFileSync(join(old, "events.jsonl"), stripped.map((e) => JSON.stringify(e)).join("\n") + "\n");
    const now = await cli(["dashboard", dirA, "--width", "90"]);
    const before = await cli(["dashboard", old, "--width", "90"]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toBe(now.stdout);
  });

  it("bad input: not a run directory, unknown item, contradicting flags → one line, exit 2", async () => {
    const missing = await cli(["dashboard", join(root, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a run directory \(no manifest.json\)/);
    const item = await cli(["dashboard", dirA, "--item", "Q999"]);
    expect(item.code).toBe(2);
    expect(item.stderr).toMatch(/item 'Q999' is not in this run; its items: Q45, Q46/);
    const flags = await cli([...surveyArgs(join(root, "flags")), "--dashboard", "--no-dashboard"]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toMatch(/--dashboard and --no-dashboard contradict each other/);
  });
});

describe("report.html", () => {
  it("exists with an svg per item × country, and is byte-identical across two identical runs", () => {
    const dirB = join(root, "b", "ken");
    const r = run(surveyArgs(dirB));
    expect(r.status, r.stderr).toBe(0);
    const a = readFileSync(join(dirA, "report.html"));
    const b = readFileSync(join(dirB, "report.html"));
    expect(a.equals(b)).toBe(true);
    expect(readFileSync(join(dirA, "report.md")).equals(readFileSync(join(dirB, "report.md")))).toBe(true);
    const html = a.toString("utf8");
    // one grouped bar chart per item, plus the fidelity heat map (and a forest plot with baselines)
    expect(html.match(/id="chart-KEN-/g)).toHaveLength(ITEMS.length);
    expect(html.match(/<svg /g)?.length).toBeGreaterThan(ITEMS.length);
    for (const item of ITEMS) expect(html).toContain(`id="chart-KEN-${item}"`);
    expect(html).toContain("Synthetic run.");
  });
});
