// the run facts every report.html shows about data and cost: the data versions of the manifest,
// the sources a reader can look up (name, year, licence — never a path on our machine), and the
// usage block (calls, tokens, estimated USD over every session).
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import type { RunManifest } from "../../core/store/run-manifest.js";
import { loadPopulationTable } from "../../persona-engine/population/load-population-table.js";
import { publicCitation } from "./report-page.js";

export interface Citation {
  source: string;
  year?: number | string | null;
  licence?: string | null;
}

/** a source's short name: the text before its first parenthesis or colon */
const shortName = (source: string) => (publicCitation(source).split(/[(:]/)[0] ?? "").trim().replace(/,$/, "");
/** a licence's head: up to its first comma or semicolon */
const shortLicence = (licence: string) => (licence.split(/[;,]/)[0] ?? "").trim();

/** distinct sources (by short name) of the population tables of the countries whose personas were generated */
export function populationCitations(countries: readonly string[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const country of countries) {
    let tables: Record<string, { provenance?: Citation }> = {};
    try {
      tables = loadPopulationTable(country).tables as unknown as Record<string, { provenance?: Citation }>;
    } catch {
      continue; // a country without shipped tables (personas from a file)
    }
    for (const t of Object.values(tables)) {
      const p = t.provenance;
      const name = p ? shortName(p.source) : "";
      if (!p || !name || /^unavailable$/i.test(name) || seen.has(name)) continue;
      seen.set(name, { source: name, year: p.year ?? null, licence: p.licence ? shortLicence(p.licence) : null });
    }
  }
  return [...seen.values()];
}

/** short name, year (from the text when not given), licence head */
function shortCitation(c: Citation): Citation {
  const year = c.year ?? /\((\d{4})\)/.exec(c.source)?.[1] ?? null;
  return { source: shortName(c.source) || publicCitation(c.source), year, licence: c.licence ? shortLicence(c.licence) : null };
}

const citationHtml = (c: Citation) =>
  `${esc(publicCitation(c.source))}${c.year || c.licence ? ` <small>(${[c.year ? esc(String(c.year)) : "", c.licence ? `licence: ${esc(c.licence)}` : ""].filter(Boolean).join("; ")})</small>` : ""}`;

export function dataSourceFacts(manifest: RunManifest, citations: readonly Citation[], usage: unknown): [string, string][] {
  const facts: [string, string][] = [];
  const versions = Object.entries(manifest.data_versions).map(([k, v]) => `${k} ${typeof v === "string" ? v : JSON.stringify(v)}`);
  facts.push(["data versions", esc(`${versions.join(" · ") || "–"}; deeppersona ${manifest.package_version}`)]);
  const short: Citation[] = [];
  for (const c of citations.map(shortCitation)) if (!short.some((x) => x.source === c.source)) short.push(c);
  if (short.length) facts.push(["sources", short.map(citationHtml).join(" · ")]);
  const u = usage && typeof usage === "object" ? (usage as Record<string, unknown>) : null;
  if (u) {
    const num = (k: string) => (typeof u[k] === "number" ? (u[k] as number) : 0);
    facts.push([
      "usage",
      esc(
        `${num("calls")} model calls (${num("cache_hits")} answered by the response cache), ${num("input_tokens")} prompt / ${num("output_tokens")} completion tokens, est. USD ${num("cost_usd").toFixed(4)}${u.priced === false ? " (unpriced models count 0)" : ""}; ${num("sessions") || 1} session${num("sessions") > 1 ? "s" : ""}`,
      ),
    ]);
  }
  return facts;
}
