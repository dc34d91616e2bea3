// extraction records → candidate paths with normalised names (clean-node-name.ts): the input of
// the similarity merge. attributes whose facet or attribute name is unusable are counted, not kept.
import { TAXONOMY_CATEGORIES, type ValueKind } from "../taxonomy-schema.js";
import { cleanLine, cleanNodeName, cleanOption } from "./clean-node-name.js";
import type { ExtractionRecord } from "./mining-records.js";

export interface CandidatePath {
  conversationId: string;
  category: string;
  /** names below the category: [facet, subfacet?, attribute] */
  parts: string[];
  /** one per part ("" when none) */
  descriptions: string[];
  kind: ValueKind;
  options: string[];
  unit: string;
  value: string;
}

export interface CandidatePathsResult {
  candidates: CandidatePath[];
  /** extracted attributes not kept, by reason */
  dropped: Record<string, number>;
}

export function candidatePaths(records: readonly ExtractionRecord[]): CandidatePathsResult {
  const candidates: CandidatePath[] = [];
  const dropped: Record<string, number> = {};
  const drop = (reason: string) => (dropped[reason] = (dropped[reason] ?? 0) + 1);
  for (const record of records) {
    const seen = new Set<string>();
    for (const a of record.attributes) {
      if (!(TAXONOMY_CATEGORIES as readonly string[]).includes(a.category)) {
        drop("unknown category");
        continue;
      }
      const facet = cleanNodeName(a.facet);
      const attribute = cleanNodeName(a.attribute_name);
      if (!facet || !attribute) {
        drop("empty name");
        continue;
      }
      let subfacet = a.subfacet.trim() ? cleanNodeName(a.subfacet) : undefined;
      if (subfacet && [facet, attribute].some((n) => n.toLowerCase() === subfacet?.toLowerCase())) subfacet = undefined;
      const parts = subfacet ? [facet, subfacet, attribute] : [facet, attribute];
      const key = [a.category, ...parts].join(" > ").toLowerCase();
      // one conversation supports a path once
      if (seen.has(key)) {
        drop("repeated in a conversation");
        continue;
      }
      seen.add(key);
      const options: string[] = [];
      for (const o of a.options.map(cleanOption)) if (o && !options.some((x) => x.toLowerCase() === o.toLowerCase())) options.push(o);
      candidates.push({
        conversationId: record.key,
        category: a.category,
        parts,
        descriptions: subfacet
          ? [cleanLine(a.facet_description), "", cleanLine(a.attribute_description)]
          : [cleanLine(a.facet_description), cleanLine(a.attribute_description)],
        kind: a.kind,
        options,
        unit: cleanLine(a.unit, 40),
        value: cleanLine(a.value, 200),
      });
    }
  }
  return { candidates, dropped };
}
