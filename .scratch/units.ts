import { loadTaxonomy } from "../persona-engine/taxonomy/load-taxonomy.js";
const t = loadTaxonomy() as any;
const leaves = t.leaves ?? t.flat?.leaves;
const units = new Map<string, number>(); let opts = 0, optChars = 0, n = 0; const kinds = new Map<string, number>();
for (const l of leaves) { kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1); if (l.kind === "quantity") units.set(l.unit ?? "-", (units.get(l.unit ?? "-") ?? 0) + 1); if (l.kind === "category") { n++; opts += l.options?.length ?? 0; optChars += JSON.stringify(l.options ?? []).length; } }
console.log(kinds, [...units].sort((a, b) => b[1] - a[1]).slice(0, 40), { categories: n, avgOptions: opts / n, avgChars: optChars / n });
