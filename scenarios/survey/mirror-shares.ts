// per item, the share of a run's personas that carry a mirror of it (an attribute that states the
// answer, surveys/load-mirrors.ts). generated personas leave mirrors out, so their share is 0 (a
// check); personas from --personas FILE may carry them, and this says how many.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";

export interface MirrorShare {
  /** the taxonomy paths that mirror the item */
  paths: string[];
  personas: number;
  /** personas with a filled attribute on one of the paths */
  with_mirror: number;
  share: number | null;
}

export function mirrorShares(
  personas: readonly Pick<Persona, "attributes">[],
  mirrors: Record<string, readonly string[]>,
): Record<string, MirrorShare> {
  const out: Record<string, MirrorShare> = {};
  for (const [item, paths] of Object.entries(mirrors)) {
    const set = new Set(paths);
    const withMirror = personas.filter((p) => p.attributes.some((a) => a.status === "filled" && set.has(a.path))).length;
    out[item] = {
      paths: [...paths],
      personas: personas.length,
      with_mirror: withMirror,
      share: personas.length ? withMirror / personas.length : null,
    };
  }
  return out;
}
