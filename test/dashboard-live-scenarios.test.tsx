// the live dashboard of `discuss` and `stress` (as `survey run` has) and the Big Five trait view.
// live: the command runs in-process with --dashboard on an 80×24 terminal-like stderr; the final
// frame is the scenario's own panel, no line is wider than the terminal, and no line progress is
// written while the dashboard draws. frames (ink-testing-library, 80×24 and 160×45): a Big Five
// run shows trait means per arm — equal to the keyed answers in responses.jsonl — and mid-run
// discuss and stress frames, built with the context the live commands build from the manifest.
import { join } from "node:path";
import { render } from "ink-testing-library";
import { beforeAll, describe, expect, it } from "vitest";
import { Dashboard } from "../cli/dashboard/dashboard.js";
import { dashboardView } from "../cli/dashboard/dashboard-view.js";
import { foldRunEvents } from "../cli/dashboard/fold-run-event.js";
import { readRunDirectory } from "../cli/dashboard/read-run-directory.js";
import { manifestDashboardContext } from "../cli/dashboard/survey-dashboard-context.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { expectFits } from "./expect-fits.js";
import { getItem, loadInstrument } from "../surveys/load-instrument.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-dash-live-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 8);
const dirs = { bigfive: join(root, "bigfive"), discuss: join(root, "discuss"), stress: join(root, "stress") };
const TOPIC = ["--topic", "Should my town ban cars from the centre?", "--treatment", "Moderator: the ban cut asthma admissions by 20%."];
const STRESS = ["--probes", "med-stop-medication,mh-pills-question,syc-antibiotics-flu", "--turns", "1", "--bootstrap", "20"];
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\u001b\][^\u0007]*\u0007/g, "");

/** the cli in-process with an 80 × 24 terminal-like stderr */
const liveCli = (argv: string[]) => runCliCaptured(argv, { cwd: root, terminal: { columns: 80, rows: 24 } });

function frame(view: ReturnType<typeof dashboardView>, width: number, height: number): string {
  const { lastFrame, unmount } = render(<Dashboard view={view} width={width} height={height} interactive qKey="hide" />);
  const text = lastFrame() ?? "";
  unmount();
  return text;
}

beforeAll(async () => {
  const runs = await Promise.all([
    cli(argv`survey run --instrument bigfive --personas ${personas} --mode batched --baseline demographics --bootstrap 20
      --no-dashboard --out ${dirs.bigfive}`),
    cli(argv`discuss --personas ${personas} ${TOPIC} --measure Q46 --rounds 2 --bootstrap 20 --no-dashboard --out ${dirs.discuss}`),
    cli(["stress", "--personas", personas, ...STRESS, "--no-dashboard", "--out", dirs.stress]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 180_000);

describe("the live dashboard of discuss and stress (80×24 terminal)", () => {
  it("discuss --dashboard draws the discussion panel, not line progress; the summary still goes to stdout", async () => {
    const r = await liveCli(
      argv`discuss --personas ${personas} ${TOPIC} --measure Q46 --rounds 1 --bootstrap 20 --dashboard
        --out ${join(root, "live-discuss")}`,
    );
    expect(r.code, r.stderr).toBe(0);
    const text = plain(r.stderr);
    expect(text).toContain("deeppersona discuss complete");
    expect(text).toMatch(/discussion groups 4 \(/);
    expect(text).toMatch(/control\s+Q46\s+pre n=8 .+ → post n=\d/);
    expect(text).toContain("last turns");
    // the live tail shows what was said (the turn events carry its start), not a pointer to the file
    expect(text).not.toContain("(text in turns.jsonl)");
    const lastTurn = readJsonl<{ text: string }>(root, "live-discuss", "turns.jsonl").at(-1);
    expect(text).toContain(lastTurn?.text.slice(0, 20));
    expect(text).not.toMatch(/^turns \d+\/\d+/m);
    // every line of the dashboard (notices before it are plain stderr lines the terminal wraps)
    for (const line of text.split("\n").filter((l) => !l.startsWith("deeppersona:"))) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain("discuss: complete");
  }, 120_000);

  it("stress --dashboard draws the stress panel with per-category rates", async () => {
    const r = await liveCli(["stress", "--personas", personas, ...STRESS, "--dashboard", "--out", join(root, "live-stress")]);
    expect(r.code, r.stderr).toBe(0);
    const text = plain(r.stderr);
    expect(text).toContain("deeppersona stress complete");
    expect(text).toMatch(/stress probes: exchanges 48 · conversations 48 · judged 48\/48/);
    for (const category of ["medical", "mental-health", "sycophancy"]) expect(text).toMatch(new RegExp(`${category}\\s+16\\s+\\d+%`));
    expect(text).not.toMatch(/^judgements \d+\/\d+/m);
    for (const line of text.split("\n").filter((l) => !l.startsWith("deeppersona:"))) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain("stress: complete");
  }, 120_000);

  it("--dashboard and --no-dashboard contradict each other on discuss too (exit 2)", async () => {
    const r = await cli(["discuss", "--personas", personas, ...TOPIC, "--dashboard", "--no-dashboard", "--out", join(root, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dashboard and --no-dashboard contradict each other/);
  });
});

describe.each([
  [80, 24],
  [160, 45],
])("frames at %i×%i", (width, height) => {
  it("Big Five: trait means per arm so far, equal to the keyed answers of responses.jsonl", () => {
    const run = readRunDirectory(dirs.bigfive);
    const context = manifestDashboardContext(run.manifest);
    expect(context.traits?.traits.map((t) => t.id)).toEqual(["O", "C", "E", "A", "N"]);
    const view = dashboardView(foldRunEvents(run.events), context, { item: 0, country: 0 });
    expect(view.table).toBeNull();
    // the truth: the mean of the keyed ok answers of KEN personas per arm and trait
    const bigfive = loadInstrument("bigfive");
    const rows = readJsonl<{ arm: string; country: string; item: string; status: string; value: number | null }>(
      dirs.bigfive,
      "responses.jsonl",
    );
    for (const [r, t] of (bigfive.scoring.kind === "trait-means" ? bigfive.scoring.traits : []).entries()) {
      for (const [a, arm] of ["deep", "demographics"].entries()) {
        const values = rows
          .filter((x) => x.arm === arm && x.country === "KEN" && x.status === "ok" && t.items.includes(x.item))
          .map((x) => (getItem(bigfive, x.item).direction === -1 ? 6 - (x.value as number) : (x.value as number)));
        expect(view.traits?.rows[r]?.cells[a]?.n).toBe(values.length);
        expect(view.traits?.rows[r]?.cells[a]?.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 10);
      }
    }
    const text = frame(view, width, height);
    expectFits(text, width, height);
    expect(text).toContain("Big Five trait means so far — KEN");
    expect(text).toMatch(/O Openness.*\d\.\d\d.*\d\.\d\d/);
    expect(text).toMatch(/N Neuroticism.*\d\.\d\d/);
    if (height >= 30) expect(text).toContain("— KEN"); // the item distribution under it
  });

  it("live contexts mid-run: discuss shows the running phase and pre answers; stress its rates with Wilson CIs", () => {
    const d = readRunDirectory(dirs.discuss);
    const cut = d.events.findIndex((e) => e.type === "task-done" && e.file === "turns.jsonl" && e.round === 2);
    const dText = frame(
      dashboardView(foldRunEvents(d.events.slice(0, cut)), manifestDashboardContext(d.manifest), { item: 0, country: 0 }),
      width,
      height,
    );
    expectFits(dText, width, height);
    expect(dText).toContain("deeppersona discuss running");
    expect(dText).toMatch(/treatment\s+Q46\s+pre n=8/);
    const s = readRunDirectory(dirs.stress);
    const half = s.events.findIndex((e) => e.type === "task-done" && e.file === "judgements.jsonl") + 20;
    const sText = frame(
      dashboardView(foldRunEvents(s.events.slice(0, half)), manifestDashboardContext(s.manifest), { item: 0, country: 0 }),
      width,
      height,
    );
    expectFits(sText, width, height);
    expect(sText).toContain("deeppersona stress running");
    expect(sText).toMatch(/CI Wilson/);
  });
});
