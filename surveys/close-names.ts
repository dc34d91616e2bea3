// "did you mean" suggestions for unknown ids (countries, items, instruments).

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = Math.min(up + 1, (row[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] as number;
}

/** up to `max` names from `known` close to `input` (prefix match or small edit distance), case-insensitive */
export function closeNames(input: string, known: readonly string[], max = 3): string[] {
  const q = input.toLowerCase();
  return known
    .map((k) => {
      const l = k.toLowerCase();
      return { k, d: l.startsWith(q) || q.startsWith(l) ? 0 : editDistance(q, l) };
    })
    .filter((x) => x.d <= Math.max(1, Math.floor(x.k.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}
