// the bill of a 1,000-persona survey, synchronous vs --executor batch: two dry-run plans of the
// same command (every request rendered, nothing sent; tokens and cost estimated as in
// cli/dry-run-plan.ts), priced with the built-in table (batch = its `batch.factor` × synchronous).
//   npx tsx bench/batch-cost.ts [perCountry=500] [model=openai:gpt-4.1-mini]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../cli/run-cli.js";
import type { DryRunSummary } from "../cli/dry-run-plan.js";
import { DEFAULT_PRICE_TABLE } from "../core/usage/price-table.js";

const perCountry = Number(process.argv[2] ?? 500);
const model = process.argv[3] ?? "openai:gpt-4.1-mini";
const ITEMS = "Q45,Q46,Q57,Q184,Q218,Q254";
const dir = mkdtempSync(join(tmpdir(), "dp-bench-batch-cost-"));
const env = { DEEPPERSONA_CACHE_DIR: join(dir, "cache") };

async function plan(extra: string[]): Promise<DryRunSummary> {
  let out = "";
  const stdout = new PassThrough();
  stdout.on("data", (d) => (out += String(d)));
  const stderr = new PassThrough().resume();
  const argv = [
    "survey",
    "run",
    "--countries",
    "KEN,DEU",
    "--per-country",
    String(perCountry),
    "--items",
    ITEMS,
    "--model",
    model,
    "--seed",
    "1",
    "--out",
    "survey",
    "--dry-run",
    "--json",
    ...extra,
  ];
  const code = await runCli({ argv, stdout, stderr, env, cwd: dir });
  if (code !== 0) throw new Error(`exit ${code}: ${argv.join(" ")}`);
  return JSON.parse(out) as DryRunSummary;
}

try {
  const sync = await plan([]);
  const batch = await plan(["--executor", "batch"]);
  const usd = (x: number) => `$${x.toFixed(2)}`;
  const personas = 2 * perCountry;
  console.log(
    `survey of ${personas} personas (${ITEMS.split(",").length} WVS items, persona generation included), ${model}, prices as of ${DEFAULT_PRICE_TABLE.as_of}, batch factor ${DEFAULT_PRICE_TABLE.batch?.factor} (as of ${DEFAULT_PRICE_TABLE.batch?.as_of})`,
  );
  for (const [name, s] of [
    ["synchronous", sync],
    ["batch", batch],
  ] as const) {
    console.log(
      `  ${name.padEnd(11)} calls ${s.calls}  prompt ≈ ${s.prompt_tokens}  completion ≈ ${s.completion_tokens}  cost ≈ ${usd(s.usd)} (range ${usd(s.usd_low)} – ${usd(s.usd_high)})  per persona $${(s.usd / personas).toFixed(4)}`,
    );
  }
  console.log(`  batch saves ${usd(sync.usd - batch.usd)} (${Math.round((1 - batch.usd / sync.usd) * 100)}%)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
