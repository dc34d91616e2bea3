// a model that is paid for needs a price: with --budget-usd an unpriced model would count as $0
// and the cap could never stop the run, so that is refused (exit 2, naming --prices); without a
// budget the run goes on after one warning. offline and ollama cost nothing and need no
// price.
import { UsageError } from "../core/errors.js";
import { parseModelSpec } from "../core/model/model-spec.js";
import { lookupPrice, modelNameOfSpec, type PriceTable } from "../core/usage/price-table.js";
import type { CommandContext } from "./command.js";

/** offline and ollama (self-hosted) cost nothing; an OpenAI-compatible URL may be a paid service */
function isLocalModel(spec: string): boolean {
  const provider = parseModelSpec(spec).provider;
  return provider === "offline" || provider === "ollama";
}

const warned = new WeakMap<object, Set<string>>();

export function requireModelPrice(ctx: CommandContext, specs: string[], prices: PriceTable): void {
  const seen = warned.get(ctx.values) ?? new Set<string>();
  warned.set(ctx.values, seen);
  const paid = specs.filter((spec) => !isLocalModel(spec) && !lookupPrice(prices, spec));
  const unpriced = [...new Set(paid.map(modelNameOfSpec))].filter((name) => !seen.has(name));
  if (unpriced.length === 0) return;
  const names = unpriced.map((n) => `'${n}'`).join(", ");
  if (typeof ctx.values["budget-usd"] === "string") {
    throw new UsageError(
      `--budget-usd needs a price for ${names}, which the price table does not list; pass --prices FILE.json with {"models": {"${unpriced[0]}": {"inputPerMillion": …, "outputPerMillion": …}}}`,
      { code: "E_MODEL_CONFIG" },
    );
  }
  for (const n of unpriced) seen.add(n);
  ctx.stderr.write(`deeppersona: no price for ${names}: its cost counts as $0 (pass --prices FILE.json to price it)\n`);
}
