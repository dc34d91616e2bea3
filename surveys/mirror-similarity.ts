// lexical similarity between a survey item and a taxonomy leaf, for finding the leaves that
// mirror an item (a persona attribute that pre-answers the question). IDF-weighted cosine over
// light-stemmed content words of the item's title/construct and the leaf's last path segment.
// deterministic and offline; the threshold and the manual list live in data/instruments/mirrors.json.

const STOP = new Set(
  "a an the of to in on for and or but with by at from as is are be been being it its this that these those your you my me i we our they their them he she his her who whom what which how why when where do does did have has had not no nor can could would should will shall may might must than then so such very more most less least much many any some all each every other another own same just only also about into over under between through during before after above below up down out off again further once here there both few nor too s t don one has been life person people country".split(
    " ",
  ),
);

/** lower-case content words, light-stemmed (plural/-ing/-ed endings dropped) */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => w.length > 2 && !STOP.has(w))
    .map((w) =>
      w
        .replace(/(ies)$/, "y")
        .replace(/(ness|ment|ing|ed|es|s)$/, "")
        .replace(/(ity|ive)$/, ""),
    )
    .filter((w) => w.length > 2);
}

/** inverse document frequencies of the words of a corpus of texts */
export function idfWeights(texts: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(contentWords(t))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return new Map([...df].map(([w, d]) => [w, Math.log((n + 1) / (d + 1)) + 1]));
}

/** IDF-weighted cosine of the two texts' word sets (0..1) */
export function lexicalSimilarity(a: string, b: string, idf: ReadonlyMap<string, number>): number {
  const wa = new Set(contentWords(a));
  const wb = new Set(contentWords(b));
  if (wa.size === 0 || wb.size === 0) return 0;
  const weight = (w: string) => idf.get(w) ?? Math.log(2) + 1;
  let dot = 0;
  for (const w of wa) if (wb.has(w)) dot += weight(w) ** 2;
  const norm = (s: Set<string>) => Math.sqrt([...s].reduce((n, w) => n + weight(w) ** 2, 0));
  return dot / (norm(wa) * norm(wb));
}
