// the dashboard components render a folded state: ink-testing-library's lastFrame() shows the
// header, phase bars, the reference and arm bars with percentages, JS distances, the KS/JS table
// and errors; narrow terminals keep the essentials.
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/store/run-event.js";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { compareCategorical } from "../../surveys/metrics/compare-categorical.js";
import { Dashboard } from "./dashboard.js";
import { dashboardView, type DashboardContext } from "./dashboard-view.js";
import { foldRunEvents } from "./fold-run-event.js";

const wvs = loadInstrument("wvs");
const items = ["Q46", "Q57"].map((id) => getItem(wvs, id));
// a made-up reference (not the shipped table), so the expected numbers are obvious
const REF = { codes: [1, 2, 3, 4], shares: [0.5, 0.3, 0.15, 0.05], n: 1000, year: "2021", quality: "high" };
const context: DashboardContext = {
  command: "survey run",
  model: "offline",
  synthetic: true,
  items,
  arms: ["deep", "demographics"],
  reference: (country, item) => (country === "KEN" && item === "Q46" ? REF : undefined),
};

let seq = 0;
const ev = (fields: Record<string, unknown>) => ({ seq: seq++, ts: 1000 + seq * 100, ...fields }) as unknown as RunEvent;
const answers: [string, number][] = [
  ["deep", 1],
  ["deep", 1],
  ["deep", 2],
  ["deep", 4],
  ["demographics", 2],
  ["demographics", 2],
  ["demographics", 3],
  ["demographics", 3],
];
const events = [
  ev({ type: "run-start", run_id: "ken-run", command: "survey run", resumed: false }),
  ev({ type: "tasks-start", file: "personas.jsonl", total: 4, already_done: 0, pending: 4 }),
  ...[1, 2, 3, 4].map((i) => ev({ type: "persona-done", key: `KEN-${i}`, persona_id: `KEN-${i}`, country: "KEN" })),
  ev({ type: "tasks-start", file: "responses.jsonl", total: 16, already_done: 0, pending: 16 }),
  ...answers.map(([arm, value], i) =>
    ev({ type: "response", key: `${arm}/${i}`, arm, country: "KEN", item: "Q46", status: "ok", value, tokens: 1234567, cost_usd: 0.5 }),
  ),
  ev({ type: "error", key: "deep/KEN-2/Q57/0", code: "invalid_output", message: "the answer was not one of the codes" }),
];
const state = foldRunEvents(events);

describe("Dashboard (ink-testing-library)", () => {
  it("draws header, progress, the distribution next to the reference with percentages and JS, the table and errors", () => {
    const view = dashboardView(state, context, { item: 0, country: 0 });
    const { lastFrame, unmount } = render(<Dashboard view={view} width={120} interactive />);
    const frame = lastFrame() ?? "";
    unmount();
    expect(frame).toContain("deeppersona survey run");
    expect(frame).toContain("ken-run");
    expect(frame).toContain("1,234,567 tokens · $0.5000");
    expect(frame).toContain("SYNTHETIC");
    expect(frame).toMatch(/personas\s+█+\s+4\/4/);
    expect(frame).toMatch(/responses\s+█+·+\s+8\/16/);
    expect(frame).toContain("ok 8 · refused 0 · invalid 0");
    expect(frame).toContain("Q46 Feeling of happiness — KEN");
    expect(frame).toContain("WVS-7 2021 n=1000");
    expect(frame).toContain("deep n=4");
    // reference share of code 1 is the largest bar of the chart; deep has 50% there too
    expect(frame).toMatch(/1 Very happy\s+█+\s+50\.0%\s+█+\s+50\.0%\s+0\.0%/);
    const js = compareCategorical({ counts: { "1": 2, "2": 1, "4": 1 } }, REF, { item: items[0] }).js_distance as number;
    expect(frame).toContain(`JS ${js.toFixed(3)}`);
    expect(frame).toMatch(/▸Q46 Feeling of happiness\s+KS \d\.\d\d JS \d\.\d\d/);
    expect(frame).toContain("errors: 1");
    expect(frame).toContain("deep/KEN-2/Q57/0 [invalid_output]: the answer was not one of the codes");
    expect(frame).toContain("←/→ item");
  });

  it("a rerender with another selection shows the other item; an item without a reference says so", () => {
    const { lastFrame, rerender, unmount } = render(
      <Dashboard view={dashboardView(state, context, { item: 0, country: 0 })} width={100} interactive={false} />,
    );
    rerender(<Dashboard view={dashboardView(state, context, { item: 1, country: 0 })} width={100} interactive={false} />);
    const frame = lastFrame() ?? "";
    unmount();
    expect(frame).toContain("Q57 Most people can be trusted — KEN");
    expect(frame).toContain("no WVS-7 reference");
    expect(frame).not.toContain("←/→ item");
  });

  it("under 80 columns: code numbers instead of labels, short arm names, JS only in the table, no line wider than the terminal", () => {
    const view = dashboardView(state, context, { item: 0, country: 0 });
    const { lastFrame, unmount } = render(<Dashboard view={view} width={60} interactive />);
    const frame = lastFrame() ?? "";
    unmount();
    expect(frame).not.toContain("Very happy");
    expect(frame).toContain("demogr");
    expect(frame).toMatch(/▸Q46\s+\d\.\d\d\s+\d\.\d\d/);
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("at 80×24 (compact): option labels, the eta and the key hints stay; no line wider than the terminal", () => {
    const view = dashboardView(state, context, { item: 0, country: 0 });
    const { lastFrame, unmount } = render(<Dashboard view={view} width={80} height={24} interactive />);
    const frame = lastFrame() ?? "";
    unmount();
    expect(frame).toContain("1 Very happy");
    expect(frame).toMatch(/responses\s+█+·+\s+8\/16\s+eta \d/);
    expect(frame).toContain("←/→ item tab q hide");
    expect(frame).toContain("model offline");
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame.split("\n").length).toBeLessThanOrEqual(24);
  });
});
