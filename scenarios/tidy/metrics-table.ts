// metrics.csv: any scenario's metrics.json flattened generically, one row per arm × country ×
// item × metric with its 95% CI, so new metrics appear without changing this file. every numeric
// leaf becomes a row; path segments that name an arm, a country or an item (from the file's own
// `arms`, `countries`, `items`, or an ISO3 code) fill those columns, the rest is `scope`. CIs are
// found by the conventions the scenarios use: `ci95: {metric: [lo, hi]}`, `ci95: [lo, hi]` next
// to an estimate/rate/value/mean/diff, and `ci95_<name>: [lo, hi]` next to `<...>_<name>`.
import { tidyColumns, type TidyColumn, type TidyTable, type TidyValue } from "./tidy-table.js";

const COLUMNS: TidyColumn[] = [
  ...tidyColumns("string", "arm", "country", "item", "scope", "metric"),
  ...tidyColumns("float", "value", "ci_low", "ci_high"),
];
const PRIMARY = ["estimate", "rate", "value", "mean", "diff"];
const ISO3 = /^[A-Z]{3}$/;

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const isPair = (v: Json): v is [number | null, number | null] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => x === null || typeof x === "number");
const ids = (v: Json): string[] =>
  Array.isArray(v)
    ? v
        .map((x) => (typeof x === "string" ? x : isRecord(x) && typeof x.id === "string" ? x.id : null))
        .filter((x): x is string => x !== null)
    : [];

export function metricsTable(metrics: Json): TidyTable {
  const root = isRecord(metrics) ? metrics : {};
  const arms = new Set(ids(root.arms));
  const countries = new Set(ids(root.countries));
  const items = new Set([...ids(root.items), ...ids(root.probes)]);
  const rows: TidyValue[][] = [];

  const emit = (path: string[], metric: string, value: number | null, ci: Json) => {
    let arm: string | null = null;
    let country: string | null = null;
    let item: string | null = null;
    const scope: string[] = [];
    // a leaf keyed by a dimension (personas_per_country: {DEU: 8}) is named by its parent
    const keyedByDimension = arms.has(metric) || countries.has(metric) || items.has(metric) || ISO3.test(metric);
    for (const seg of keyedByDimension ? [...path, metric] : path) {
      if (arm === null && arms.has(seg)) arm = seg;
      else if (country === null && (countries.has(seg) || ISO3.test(seg))) country = seg;
      else if (item === null && items.has(seg)) item = seg;
      else scope.push(seg);
    }
    const name = keyedByDimension ? (scope.pop() ?? metric) : metric;
    const [lo, hi] = isPair(ci) ? ci : [null, null];
    rows.push([arm, country, item, scope.join("."), name, value, lo, hi]);
  };

  const walk = (node: Json, path: string[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (!isRecord(child)) return;
        const label = Object.values(child)
          .filter((v): v is string => typeof v === "string")
          .join("/");
        walk(child, [...path, label || String(i)]);
      });
      return;
    }
    if (!isRecord(node)) return;
    const keyed = isRecord(node.ci95) ? node.ci95 : undefined;
    const primary = isPair(node.ci95) ? PRIMARY.find((k) => typeof node[k] === "number") : undefined;
    const used = new Set<string>();
    for (const [key, value] of Object.entries(node)) {
      if (key === "ci95") continue;
      if (typeof value === "number") {
        let ci: Json = keyed?.[key];
        if (key === primary) ci = node.ci95;
        if (ci === undefined) {
          const named = Object.keys(node).find(
            (k) => k.startsWith("ci95_") && (key === k.slice(5) || key.endsWith(`_${k.slice(5)}`)) && isPair(node[k]),
          );
          if (named) {
            ci = node[named];
            used.add(named);
          }
        }
        emit(path, key, value, ci);
      } else if (!(key.startsWith("ci95_") && isPair(value))) {
        walk(value, [...path, key]);
      }
    }
    // an interval with no estimate of its own next to it (e.g. ci95_change_persona_naive)
    for (const [key, value] of Object.entries(node))
      if (key.startsWith("ci95_") && isPair(value) && !used.has(key)) emit(path, key, null, value);
    if (isPair(node.ci95) && primary === undefined) emit(path, "ci95", null, node.ci95);
  };

  for (const [key, value] of Object.entries(root))
    if (typeof value === "object" && value !== null && !["arms", "countries", "items", "probes"].includes(key)) walk(value, [key]);
  return { columns: COLUMNS, rows };
}
