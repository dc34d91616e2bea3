// rough, deterministic token estimate (≈ 4 characters per token) used by the offline model,
// the fake server and budget pre-checks. real providers report exact counts; use those when present.

/** estimated tokens for a text: ceil(chars / 4), at least 1 for non-empty text */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.ceil(text.length / 4));
}
