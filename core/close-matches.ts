// "did you mean" suggestions for unknown names (commands, options, countries, items, quota levels).

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

/** up to `max` entries of `known` closest to `input` (prefix matches first, then edit distance) */
export function closeMatches(input: string, known: readonly string[], max = 3): string[] {
  const q = input.toLowerCase();
  if (!q) return [];
  return known
    .map((k) => {
      const l = k.toLowerCase();
      const d = l.startsWith(q) || (q.length >= 3 && l.includes(q)) ? 0 : levenshtein(q, l);
      return { k, d };
    })
    .filter((x) => x.d <= Math.max(1, Math.min(3, Math.floor(x.k.length / 3))))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}
