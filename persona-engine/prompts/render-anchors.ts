import type { Anchor } from "../persona/persona-schema.js";

/** one compact line of the census-drawn anchors: "country: Kenya; sex: female; age: 34; …" */
export function renderAnchors(anchors: readonly Anchor[]): string {
  return anchors
    .filter((a) => a.value !== null && a.value !== "")
    .map((a) => `${a.field.replace(/_/g, " ")}: ${String(a.value)}`)
    .join("; ");
}
