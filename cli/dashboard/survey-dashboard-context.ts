// the DashboardContext of a survey run: its items (codes, labels), arms, model, and a memoised
// lookup into the shipped WVS-7 reference table. built from the live run's settings or from a
// run directory's manifest.json (deeppersona dashboard DIR).
import type { RunManifest } from "../../core/store/run-manifest.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { findReference } from "../../surveys/references/load-reference.js";
import type { DashboardContext, DashboardReference } from "./dashboard-view.js";
import { isInstrumentId } from "../../surveys/load-instrument.js";
import type { DashboardTrait } from "./trait-view.js";

export interface SurveyDashboardContextOptions {
  command: string;
  model: string;
  items: readonly SurveyItem[];
  arms?: readonly string[];
  countries?: readonly string[];
  /** a trait-scored instrument (Big Five): its traits and answer scale */
  traits?: { traits: readonly DashboardTrait[]; scale: [number, number] };
}

/** the traits of a survey run's shipped trait-scored instrument (Big Five), from its manifest */
export function manifestTraits(manifest: RunManifest): { traits: DashboardTrait[]; scale: [number, number] } | undefined {
  const id = (manifest.config as { instrument?: unknown }).instrument;
  if (typeof id !== "string" || !isInstrumentId(id)) return undefined;
  const scoring = loadInstrument(id).scoring;
  if (scoring.kind !== "trait-means") return undefined;
  return { traits: scoring.traits.map((t) => ({ id: t.id, name: t.name, items: t.items })), scale: [scoring.scaleMin, scoring.scaleMax] };
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
    ...(options.traits ? { traits: options.traits } : {}),
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

/** "offline" for a chat-only run; "users offline · target x · judge y" for several roles (embeddings left out) */
export function modelsLabel(models: Readonly<Record<string, string>>): string {
  if (models.chat) return models.chat;
  const roles = Object.entries(models).filter(([role]) => role !== "embeddings");
  if (roles.length === 0) return "unknown";
  const specs = new Set(roles.map(([, spec]) => spec));
  return specs.size === 1 ? ([...specs][0] as string) : roles.map(([role, spec]) => `${role} ${spec}`).join(" · ");
}

/** the context of a finished or running run, from its manifest (and metrics.json when written):
 *  discuss and stress runs get their own panels; other commands: phases only */
export function manifestDashboardContext(manifest: RunManifest, metrics: unknown = null): DashboardContext {
  const model = modelsLabel(manifest.models);
  const config = (manifest.config ?? {}) as Record<string, unknown>;
  const budgetUsd = typeof config.budgetUsd === "number" ? { budgetUsd: config.budgetUsd } : {};
  if (manifest.command === "discuss" || manifest.command === "stress") {
    const rounds = typeof config.rounds === "number" ? { rounds: config.rounds } : {};
    const arms = Array.isArray(config.arms) ? { arms: config.arms.filter((x): x is string => typeof x === "string") } : {};
    const base = surveyDashboardContext({ command: manifest.command, model, items: [], ...arms });
    const offline = Object.entries(manifest.models).every(([role, spec]) => role === "embeddings" || spec === "offline");
    return { ...base, synthetic: offline, ...rounds, ...budgetUsd, metrics };
  }
  if (manifest.command !== "survey run" && manifest.command !== "demo") {
    return { ...surveyDashboardContext({ command: manifest.command, model, items: [] }), ...budgetUsd };
  }
  const survey = manifest.config as { instrument?: unknown; items?: unknown; arms?: unknown; countries?: unknown };
  const instrument = loadInstrument(typeof survey.instrument === "string" ? survey.instrument : "wvs");
  const ids = Array.isArray(survey.items) ? survey.items.filter((x): x is string => typeof x === "string") : undefined;
  const items = ids ? ids.map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const arms = Array.isArray(survey.arms) ? survey.arms.filter((x): x is string => typeof x === "string") : undefined;
  const countries = Array.isArray(survey.countries) ? survey.countries.filter((x): x is string => typeof x === "string") : undefined;
  const traits = manifestTraits(manifest);
  return {
    ...surveyDashboardContext({
      command: manifest.command,
      model,
      items,
      ...(arms ? { arms } : {}),
      ...(countries ? { countries } : {}),
      ...(traits ? { traits } : {}),
    }),
    ...budgetUsd,
  };
}
