// a TextEmbedder double for miner tests: names of one synonym group share a direction, every
// other name gets its own; the name is the last path part of "A > B: description". counts calls.
import { unit, type TextEmbedder } from "../persona-engine/taxonomy/mine/text-embedder.js";

export function synonymEmbedder(groups: string[][]): TextEmbedder & { texts: string[] } {
  const texts: string[] = [];
  let calls = 0;
  const dims = groups.length + 64;
  const vectorOf = (text: string) => {
    const name = (text.split(":")[0] ?? "").split(" > ").at(-1)?.trim().toLowerCase() ?? "";
    const g = groups.findIndex((group) => group.some((n) => n.toLowerCase() === name));
    const v = new Array<number>(dims).fill(0);
    if (g >= 0) v[g] = 1;
    else v[groups.length + ([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 64)] = 1;
    return unit(v);
  };
  return {
    texts,
    get calls() {
      return calls;
    },
    async embed(batch) {
      if (batch.length > 0) calls++;
      texts.push(...batch);
      return batch.map(vectorOf);
    },
  };
}
