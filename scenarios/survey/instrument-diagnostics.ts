// the instrument-side diagnostics metrics.json carries next to the fidelity metrics (one spread in
// survey-metrics.ts): the forward-vs-reversed order effect per arm × country × item, and per item
// the share of personas carrying a mirror (an attribute that pre-answers it).
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { mirrorsFor, mirrorsVersion } from "../../surveys/load-mirrors.js";
import { orderEffects, type OrderEffects } from "./order-effect.js";
import { mirrorShares, type MirrorShare } from "./mirror-shares.js";
import { refusalShares, type ReferenceLookup, type RefusalCell } from "./refusal-shares.js";
import { findReference } from "../../surveys/references/load-reference.js";
import type { ResponseRecord } from "./response-record.js";

export interface InstrumentDiagnostics {
  /** arm → country → item → distance between the forward and the reversed half (reverse-half) */
  order_effect: OrderEffects;
  /** arm → country → item: simulated refusal share next to the reference don't-know share */
  refusal: Record<string, Record<string, Record<string, RefusalCell>>>;
  /** per asked item with known mirrors: the share of the run's personas that carry one */
  mirrors?: { version: string | null; personas_generated: boolean; items: Record<string, MirrorShare> };
}

export interface InstrumentDiagnosticsInput {
  rows: readonly ResponseRecord[];
  items: readonly SurveyItem[];
  instrument?: Instrument;
  /** the run's personas (mirror shares); absent → no `mirrors` block */
  personas?: readonly Persona[];
  /** true when the run generated its personas (mirrors left out), false for --personas FILE */
  personasGenerated?: boolean;
  /** reference dk/na shares (default: the WVS-7 references for item-distribution instruments) */
  referenceLookup?: ReferenceLookup;
}

export function instrumentDiagnostics(input: InstrumentDiagnosticsInput): InstrumentDiagnostics {
  const wvs = input.instrument?.id === "wvs";
  const lookup: ReferenceLookup = input.referenceLookup ?? ((country, item) => (wvs ? findReference(country, item) : undefined));
  const out: InstrumentDiagnostics = {
    order_effect: orderEffects(input.rows, input.items),
    refusal: refusalShares(input.rows, input.items, lookup),
  };
  if (input.personas && input.instrument) {
    const mirrors = mirrorsFor(
      input.instrument,
      input.items.map((i) => i.id),
    );
    out.mirrors = {
      version: mirrorsVersion(),
      personas_generated: input.personasGenerated ?? false,
      items: mirrorShares(input.personas, mirrors),
    };
  }
  return out;
}
