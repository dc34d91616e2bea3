// the dashboard of discuss and stress runs: small offline runs made in-process, replayed from
// their directories (as `deeppersona dashboard DIR` does) and drawn with ink-testing-library at
// 80×24 (compact) and 160×45: each scenario's own panel (no survey panel, no "model unknown"),
// every line within the width and the frame within the height; `deeppersona dashboard DIR`
// prints the same panels.
import { join } from "node:path";
import { render } from "ink-testing-library";
import { beforeAll, describe, expect, it } from "vitest";
import { Dashboard } from "../cli/dashboard/dashboard.js";
import { dashboardView } from "../cli/dashboard/dashboard-view.js";
import { foldRunEvents } from "../cli/dashboard/fold-run-event.js";
import { readRunDirectory } from "../cli/dashboard/read-run-directory.js";
import { manifestDashboardContext } from "../cli/dashboard/survey-dashboard-context.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";
import { expectFits } from "./expect-fits.js";

const root = tempDir("dp-dash-scen-");
const discussDir = join(root, "discuss");
const stressDir = join(root, "stress");

beforeAll(async () => {
  const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 8);
  const d = await cli(argv`discuss --personas ${personas} --topic ${"Should my town ban cars from the centre?"}
    --treatment ${"Moderator: the ban cut asthma admissions by 20%."} --measure Q46,Q57 --rounds 2 --out ${discussDir}`);
  expect(d.code, d.stderr).toBe(0);
  const s = await cli(argv`stress --countries KEN,IND --per-country 2
    --probes med-stop-medication,mh-pills-question,syc-antibiotics-flu --turns 2 --bootstrap 50 --out ${stressDir}`);
  expect(s.code, s.stderr).toBe(0);
}, 120_000);

function frame(dir: string, width: number, height: number, interactive = true): string {
  const run = readRunDirectory(dir);
  const view = dashboardView(foldRunEvents(run.events), manifestDashboardContext(run.manifest, run.metrics), { item: 0, country: 0 });
  const { lastFrame, unmount } = render(<Dashboard view={view} width={width} height={height} interactive={interactive} qKey="quit" />);
  const text = lastFrame() ?? "";
  unmount();
  return text;
}

describe.each([
  [80, 24],
  [160, 45],
])("dashboard at %i×%i", (width, height) => {
  it("a discuss run: the discussion panel (groups, rounds, pre → post per arm, last turns), no survey panel", () => {
    const text = frame(discussDir, width, height);
    expectFits(text, width, height);
    expect(text).toContain("deeppersona discuss complete");
    expect(text).toContain("model offline");
    expect(text).not.toContain("model unknown");
    expect(text).not.toMatch(/measures\s+.*0\/\d/);
    expect(text).not.toContain("no answers yet");
    expect(text).toMatch(/pre\s+█+\s+32\/32/);
    expect(text).toMatch(/turns\s+█+\s+32\/32/);
    expect(text).toMatch(/post\s+█+\s+32\/32/);
    expect(text).toMatch(/answers\s+ok (\d+) · refused (\d+) · invalid 0/);
    const [, ok, refused] = /ok (\d+) · refused (\d+)/.exec(text) ?? [];
    expect(Number(ok) + Number(refused)).toBe(64);
    expect(text).toMatch(/discussion groups 4 \((control|treatment) 2 · (control|treatment) 2\) · round 2\/2/);
    for (const arm of ["control", "treatment"]) expect(text).toMatch(new RegExp(`${arm}\\s+Q46\\s+pre n=8 .+ m\\d\\.\\d\\d → post n=\\d`));
    expect(text).toContain("last turns");
    expect(text).toMatch(/[A-Z]{3}-g\d+ r2\.\d [A-Z]{3}-t-\d+ \[offline model/);
    expect(text).toContain("q quit");
    if (width >= 120) expect(text).toMatch(/pre n=8 1:\d+\.\d%/);
  });

  it("a stress run: the stress panel (probes, failure rate per category with CIs, flagged segments), no survey panel", () => {
    const text = frame(stressDir, width, height);
    expectFits(text, width, height);
    expect(text).toContain("deeppersona stress complete");
    expect(text).toContain("model offline");
    expect(text).not.toContain("model unknown");
    expect(text).not.toContain("no answers yet");
    expect(text).not.toContain("answers   ok");
    expect(text).toMatch(/judgements\s+█+\s+12\/12/);
    expect(text).toContain("stress probes: exchanges 24 · conversations 12 · judged 12/12");
    for (const category of ["medical", "mental-health", "sycophancy"])
      expect(text).toMatch(new RegExp(`${category}\\s+4\\s+\\d+%\\s+\\[\\d+%, \\d+%\\]`));
    expect(text).toContain("judged 12/12 · CI bootstrap");
    expect(text).toMatch(/flagged segments: (none|\d+)/);
  });
});

describe("dashboard of scenario runs", () => {
  it("live-style: without metrics.json the stress rates carry Wilson intervals; a discuss frame mid-run shows the running phase", () => {
    const run = readRunDirectory(stressDir);
    const view = dashboardView(foldRunEvents(run.events), manifestDashboardContext(run.manifest, null), { item: 0, country: 0 });
    expect(view.kind).toBe("stress");
    expect(view.stress?.categories.every((c) => c.ci === "wilson" && c.ci95 !== null)).toBe(true);
    expect(view.stress?.flagged).toBeNull();
    const d = readRunDirectory(discussDir);
    const cut = d.events.findIndex((e) => e.type === "task-done" && e.file === "turns.jsonl" && e.round === 2);
    const mid = dashboardView(foldRunEvents(d.events.slice(0, cut)), manifestDashboardContext(d.manifest), { item: 0, country: 0 });
    expect(mid.header.status).toBe("running");
    expect(mid.discussion?.round).toBe(1);
    expect(mid.discussion?.groupsDone).toBe(0);
    expect(mid.discussion?.rows.every((r) => r.pre !== null && r.post === null)).toBe(true);
  });

  it("`deeppersona dashboard DIR` prints the scenario's own panel for a discuss and a stress run", async () => {
    const d = await cli(["dashboard", discussDir]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain("discussion groups 4");
    expect(d.stdout).toContain("last turns");
    const s = await cli(["dashboard", stressDir]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain("stress probes: exchanges 24");
    expect(s.stdout).not.toContain("model unknown");
  });
});
