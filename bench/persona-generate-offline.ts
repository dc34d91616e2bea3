// offline persona throughput (issue 6: ≥ 50 personas/s on one core) and per-call token profile.
//   npx tsx bench/persona-generate-offline.ts [count]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPersonaEngine } from "../persona-engine/engine/create-persona-engine.js";
import { generatePersona } from "../persona-engine/engine/generate-persona.js";
import { planPersonas, personaInput } from "../persona-engine/engine/plan-personas.js";
import { createModelClient } from "../core/model/model-client.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import type { UsageRecord } from "../core/usage/usage-meter.js";

const count = Number(process.argv[2] ?? 200);
const meter = new UsageMeter();
const records: UsageRecord[] = [];
meter.onRecord((r) => records.push(r));
const cacheDir = mkdtempSync(join(tmpdir(), "dp-bench-"));
let t = performance.now();
const client = await createModelClient({ spec: "offline", embeddings: "offline", seed: 7, meter });
const ctx = await createPersonaEngine({ client, cacheDir });
console.log(`engine (taxonomy + leaf embeddings, cold cache): ${(performance.now() - t).toFixed(0)} ms`);
const plans = planPersonas({ countries: ["KEN"], count: count + 1, seed: 7 });
await generatePersona(ctx, personaInput(plans[0]!, 7));
console.log(
  `calls for one persona: ${records.length}; prompt/completion tokens per call: ${records.map((r) => `${r.inputTokens}/${r.outputTokens}`).join(" ")}`,
);
console.log(
  `per persona: prompt ${records.reduce((s, r) => s + r.inputTokens, 0)}, completion ${records.reduce((s, r) => s + r.outputTokens, 0)} tokens`,
);
t = performance.now();
for (const plan of plans.slice(1)) await generatePersona(ctx, personaInput(plan, 7));
const dt = performance.now() - t;
console.log(
  `offline: ${count} personas in ${(dt / 1000).toFixed(2)} s = ${((count * 1000) / dt).toFixed(1)} personas/s (${(dt / count).toFixed(1)} ms each)`,
);
