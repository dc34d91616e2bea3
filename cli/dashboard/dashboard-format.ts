// string helpers for the dashboard components: clipping, fixed-width numbers, durations, short
// arm names, progress bars. pure; width arguments are terminal cells.
import { unicodeBar } from "../../scenarios/survey/unicode-bar.js";

/** at most `width` cells, with an ellipsis when cut */
export function clip(text: string, width: number): string {
  if (width <= 0) return "";
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/** exactly `width` cells (clipped or padded) */
export function cell(text: string, width: number, align: "left" | "right" = "left"): string {
  const c = clip(text, width);
  return align === "left" ? c.padEnd(width) : c.padStart(width);
}

export const fixed = (x: number | null | undefined, digits = 3) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "–");

/** 75 → "1m15s", 4.2 → "4.2s" */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds - m * 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function rate(perSecond: number | null): string {
  if (perSecond === null) return "";
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}

/** "1234567" → "1,234,567" (fixed, locale-free) */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const SHORT: Record<string, string> = { "cultural-prompting": "cultural", demographics: "demogr" };

export function armLabel(arm: string, narrow: boolean): string {
  return narrow ? (SHORT[arm] ?? arm) : arm;
}

/** a progress bar of `width` cells: done part in blocks, the rest dotted */
export function progressBar(done: number, total: number, width: number): string {
  const filled = total > 0 ? unicodeBar(done, total, width) : "";
  return filled + "·".repeat(Math.max(0, width - filled.length));
}
