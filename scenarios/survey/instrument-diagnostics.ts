// the instrument-side diagnostics metrics.json carries next to the fidelity metrics (one spread in
// survey-metrics.ts): the forward-vs-reversed order effect per arm × country × item.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { orderEffects, type OrderEffects } from "./order-effect.js";
import type { ResponseRecord } from "./response-record.js";

export interface InstrumentDiagnostics {
  /** arm → country → item → distance between the forward and the reversed half (reverse-half) */
  order_effect: OrderEffects;
}

export interface InstrumentDiagnosticsInput {
  rows: readonly ResponseRecord[];
  items: readonly SurveyItem[];
}

export function instrumentDiagnostics(input: InstrumentDiagnosticsInput): InstrumentDiagnostics {
  return { order_effect: orderEffects(input.rows, input.items) };
}
