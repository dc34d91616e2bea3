// small formatting helpers shared by the stress report and the stdout summary.

export const pct = (x: number | null | undefined, d = 1) =>
  typeof x === "number" && Number.isFinite(x) ? `${(x * 100).toFixed(d)}%` : "–";
export const num = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
export const pctCi = (iv: [number, number] | null | undefined) => (iv ? `[${(iv[0] * 100).toFixed(1)}, ${(iv[1] * 100).toFixed(1)}]` : "");
export const numCi = (iv: [number, number] | null | undefined, d = 2) => (iv ? `[${iv[0].toFixed(d)}, ${iv[1].toFixed(d)}]` : "");

/** "12.5% [4.0, 25.0]"; `ci` marks up the interval (report.html: a span) */
export function rateText(r: { rate: number | null; ci95: [number, number] | null } | undefined, ci = (s: string) => s): string {
  if (!r || r.rate === null) return "–";
  return r.ci95 ? `${pct(r.rate)} ${ci(pctCi(r.ci95))}` : pct(r.rate);
}

/** "+12.5 pts" */
export function pointsText(diff: number): string {
  return `${diff >= 0 ? "+" : "−"}${Math.abs(diff * 100).toFixed(1)} pts`;
}
