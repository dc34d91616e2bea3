// the DashboardContext of a survey run: its items (codes, labels), arms, model, and a memoised
// lookup into the shipped WVS-7 reference table. built from the live run's settings or from a
// run directory's manifest.json (deeppersona dashboard DIR).
import type { RunManifest } from "../../core/store/run-manifest.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { findReference } from "../../surveys/references/load-reference.js";
import type { DashboardContext, DashboardReference } from "./dashboard-view.js";

export interface SurveyDashboardContextOptions {
  command: string;
  model: string;
  items: readonly SurveyItem[];
  arms?: readonly string[];
  countries?: readonly string[];
}

export function surveyDashboardContext(options: SurveyDashboardContextOptions): DashboardContext {
  const cache = new Map<string, DashboardReference | undefined>();
  return {
    command: options.command,
    model: options.model,
    synthetic: options.model === "offline",
    items: options.items,
    ...(options.arms ? { arms: options.arms } : {}),
    ...(options.countries ? { countries: options.countries } : {}),
    reference(country, item) {
      const key = `${country}/${item}`;
      if (!cache.has(key)) {
        const ref = findReference(country, item);
        cache.set(key, ref ? { codes: ref.codes, shares: ref.shares, n: ref.n, year: ref.year, quality: ref.quality } : undefined);
      }
      return cache.get(key);
    },
  };
}

/** the context of a finished or running run, from its manifest (other commands than survey run: phases only) */
export function manifestDashboardContext(manifest: RunManifest): DashboardContext {
  if (manifest.command !== "survey run" && manifest.command !== "demo") {
    return surveyDashboardContext({ command: manifest.command, model: manifest.models.chat ?? "unknown", items: [] });
  }
  const config = manifest.config as { instrument?: unknown; items?: unknown; arms?: unknown; countries?: unknown };
  const instrument = loadInstrument(typeof config.instrument === "string" ? config.instrument : "wvs");
  const ids = Array.isArray(config.items) ? config.items.filter((x): x is string => typeof x === "string") : undefined;
  const items = ids ? ids.map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const arms = Array.isArray(config.arms) ? config.arms.filter((x): x is string => typeof x === "string") : undefined;
  const countries = Array.isArray(config.countries) ? config.countries.filter((x): x is string => typeof x === "string") : undefined;
  return surveyDashboardContext({ command: manifest.command, model: manifest.models.chat ?? "unknown", items, ...(arms ? { arms } : {}), ...(countries ? { countries } : {}) });
}
