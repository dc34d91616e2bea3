// a horizontal bar in unicode block characters with 1/8-cell resolution, for text charts
// (report.md) and the terminal dashboard. a non-zero value never draws as empty.

const PARTIAL = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] as const;

/** `value` of `max` drawn in at most `width` cells (not padded) */
export function unicodeBar(value: number, max: number, width: number): string {
  if (!(value > 0) || !(max > 0) || width <= 0) return "";
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  if (eighths === 0) return PARTIAL[1];
  return "█".repeat(Math.floor(eighths / 8)) + PARTIAL[eighths % 8];
}

/** a share as a percentage with one decimal ("42.1%"), "–" when missing */
export function percent(share: number | null | undefined): string {
  return typeof share === "number" && Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : "–";
}
