// dashboardView: JS/KS from the folded counts with the surveys' recipe, country order, selection
// wrapping, the table window; dashboardKey maps keys to selections; the plain frame has no escapes.
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/store/run-event.js";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { compareCategorical } from "../../surveys/metrics/compare-categorical.js";
import { dashboardKey } from "./dashboard-key.js";
import { dashboardView, type DashboardContext } from "./dashboard-view.js";
import { foldRunEvents } from "./fold-run-event.js";
import { plainDashboardFrame } from "./plain-dashboard-frame.js";
import { surveyDashboardContext } from "./survey-dashboard-context.js";

const wvs = loadInstrument("wvs");
const items = ["Q45", "Q46", "Q57", "Q184"].map((id) => getItem(wvs, id));
const context: DashboardContext = surveyDashboardContext({
  command: "survey run",
  model: "offline",
  items,
  arms: ["deep"],
  countries: ["KEN", "DEU"],
});

let seq = 0;
const ev = (fields: Record<string, unknown>) => ({ seq: seq++, ts: seq * 10, ...fields }) as unknown as RunEvent;
const state = foldRunEvents([
  ev({ type: "run-start", run_id: "r", command: "survey run", resumed: false }),
  ev({ type: "response", key: "1", arm: "deep", country: "DEU", item: "Q46", status: "ok", value: 2 }),
  ev({ type: "response", key: "2", arm: "deep", country: "KEN", item: "Q46", status: "ok", value: 1 }),
  ev({ type: "response", key: "3", arm: "deep", country: "KEN", item: "Q46", status: "ok", value: 3 }),
  ev({ type: "response", key: "4", arm: "deep", country: "KEN", item: "Q46", status: "refused", value: null }),
]);

describe("dashboardView", () => {
  it("orders countries as the run names them and computes JS/KS like metrics.json (shipped WVS-7 reference)", () => {
    const view = dashboardView(state, context, { item: 1, country: 0 });
    expect(view.distribution?.country).toBe("KEN");
    expect(view.distribution?.item).toBe("Q46");
    const ref = context.reference("KEN", "Q46");
    expect(ref?.n).toBeGreaterThan(1000);
    const expected = compareCategorical(
      { counts: { "1": 1, "3": 1 }, missing: 1 },
      { codes: ref?.codes ?? [], shares: ref?.shares ?? [], n: ref?.n ?? null },
      { item: items[1] },
    );
    const deep = view.distribution?.series.find((s) => s.name === "deep");
    expect(deep).toMatchObject({ n: 2, shares: [0.5, 0, 0.5, 0], js: expected.js_distance });
    expect(view.distribution?.series[0]).toMatchObject({ name: "WVS-7 2021", reference: true, shares: ref?.shares });
    const row = view.table?.rows.find((r) => r.item === "Q46");
    expect(row?.cells[0]).toEqual({ ks: expected.ks, js: expected.js_distance, n: 2 });
    expect(view.table?.rows.find((r) => r.item === "Q45")?.cells[0]).toEqual({ ks: null, js: null, n: 0 });
  });

  it("wraps the selection both ways and windows the table around the selected item", () => {
    const view = dashboardView(state, context, { item: -1, country: 3 }, { tableRows: 2 });
    expect(view.distribution?.item).toBe("Q184");
    expect(view.distribution?.country).toBe("DEU");
    expect(view.distribution?.position).toBe("item 4/4 · country 2/2");
    expect(view.table?.rows.map((r) => [r.item, r.selected])).toEqual([
      ["Q57", false],
      ["Q184", true],
    ]);
    expect(view.table?.hidden).toBe(2);
  });

  it("before any answer there is no distribution; the plain frame is text without escape codes", () => {
    const empty = foldRunEvents([ev({ type: "run-start", run_id: "r0", command: "survey run", resumed: false })]);
    const view = dashboardView(empty, context, { item: 0, country: 0 });
    expect(view.distribution).toBeNull();
    const frame = plainDashboardFrame(dashboardView(state, context, { item: 1, country: 0 }), 90);
    expect(frame).not.toMatch(/\u001b/);
    expect(frame).toContain("Q46 Feeling of happiness — KEN");
    expect(frame).toContain("deep n=2");
  });
});

describe("dashboardKey", () => {
  const sel = { item: 2, country: 1 };
  it("arrows pick items, tab and up/down pick countries, q hides, ctrl-c interrupts", () => {
    expect(dashboardKey(sel, "", { rightArrow: true })).toEqual({ kind: "select", selection: { item: 3, country: 1 } });
    expect(dashboardKey(sel, "", { leftArrow: true })).toEqual({ kind: "select", selection: { item: 1, country: 1 } });
    expect(dashboardKey(sel, "", { tab: true })).toEqual({ kind: "select", selection: { item: 2, country: 2 } });
    expect(dashboardKey(sel, "", { tab: true, shift: true })).toEqual({ kind: "select", selection: { item: 2, country: 0 } });
    expect(dashboardKey(sel, "", { upArrow: true })).toEqual({ kind: "select", selection: { item: 2, country: 0 } });
    expect(dashboardKey(sel, "q", {})).toEqual({ kind: "hide" });
    expect(dashboardKey(sel, "c", { ctrl: true })).toEqual({ kind: "interrupt" });
    expect(dashboardKey(sel, "x", {})).toEqual({ kind: "none" });
  });
});
