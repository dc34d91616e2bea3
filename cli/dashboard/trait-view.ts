// the Big Five trait view of a survey dashboard: per trait and arm the mean of the keyed answers
// folded so far (reverse-keyed items scored max + min − answer) in the selected country, and how
// many answers it rests on. a running glimpse, not the run's metric: metrics.json scores each
// persona's trait first (trait-metrics.ts); with every item answered the two agree.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { DashboardState } from "./dashboard-state.js";

export interface DashboardTrait {
  id: string;
  name: string;
  items: readonly string[];
}

export interface TraitTableView {
  country: string;
  arms: string[];
  scale: [number, number];
  rows: { id: string; name: string; cells: { mean: number | null; n: number }[] }[];
}

export function traitView(
  state: DashboardState,
  o: { traits: readonly DashboardTrait[]; items: readonly SurveyItem[]; arms: string[]; country: string; scale: [number, number] },
): TraitTableView {
  const direction = new Map(o.items.map((i) => [i.id, i.direction ?? 1]));
  const [min, max] = o.scale;
  const rows = o.traits.map((t) => ({
    id: t.id,
    name: t.name,
    cells: o.arms.map((arm) => {
      let sum = 0;
      let n = 0;
      for (const item of t.items) {
        const codes = state.answers[arm]?.[o.country]?.[item]?.codes ?? {};
        for (const [code, count] of Object.entries(codes)) {
          const v = Number(code);
          sum += (direction.get(item) === -1 ? max + min - v : v) * count;
          n += count;
        }
      }
      return { mean: n > 0 ? sum / n : null, n };
    }),
  }));
  return { country: o.country, arms: o.arms, scale: o.scale, rows };
}
