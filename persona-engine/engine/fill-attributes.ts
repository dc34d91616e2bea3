// progressive slot-filling: attributes in walk order, in batches of ≈ batchSize, one structured
// call per batch (explicit property per attribute, typed by kind so constrained decoding enforces
// it: numbers, enums, booleans), each conditioned on the core profile and a
// compact digest of values filled so far. invalid or missing values get ONE repair call for just
// those attributes; what is still bad is recorded `unfilled` with the reason.
import { isDeepPersonaError } from "../../core/errors.js";
import type { PersonaAttribute } from "../persona/persona-schema.js";
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";
import { FILL_BATCH_PROMPT_VERSION, batchSlots, fillBatchPrompt, fillBatchSchema, type BatchSlot } from "../prompts/fill-batch-prompt.js";
import { attributeValueProblem } from "./validate-attribute-value.js";
import { compactDigest } from "./profile-text.js";
import type { PersonaEngineContext } from "./persona-engine-context.js";
import type { SampledTier } from "./split-tiers.js";
import type { UsageTally } from "./usage-tally.js";

/** at most this many earlier values go into a batch's digest (near tier first, then walk order) */
export const DIGEST_MAX_ENTRIES = 24;

export interface FillAttributesInput {
  picks: { leaf: TaxonomyLeaf; tier: SampledTier }[];
  /** the compact core profile (anchors, values, interests) sent with every batch */
  profile: string;
  tally: UsageTally;
  /** the persona's call-key prefix (its id): batch b is keyed "<key>/fill/<b>", its repair "<key>/fill/<b>/repair" */
  key: string;
}

/** the stored text of a typed value: a quantity with its unit, yes-no as "yes"/"no" */
export function attributeValueText(leaf: TaxonomyLeaf, value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    const n = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
    return leaf.unit ? `${n} ${leaf.unit}` : n;
  }
  return String(value).trim();
}

/** sizes of consecutive batches: as equal as possible, none above `max` */
export function batchSizes(total: number, max: number): number[] {
  if (total <= 0) return [];
  const n = Math.ceil(total / max);
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

export async function fillAttributes(ctx: PersonaEngineContext, input: FillAttributesInput): Promise<PersonaAttribute[]> {
  const out: PersonaAttribute[] = [];
  let start = 0;
  for (const [b, size] of batchSizes(input.picks.length, ctx.batchSize).entries()) {
    const batch = input.picks.slice(start, start + size);
    start += size;
    const digest = compactDigest(digestSelection(out));
    out.push(...(await fillBatch(ctx, batch, digest, input, `${input.key}/fill/${b}`)));
  }
  return out;
}

/**
 * the earlier values a batch is conditioned on: filled ones, those nearest the core profile first
 * (near, mid, far), in walk order within a tier, capped so prompts stay small as a persona grows.
 */
export function digestSelection(filled: readonly PersonaAttribute[], max = DIGEST_MAX_ENTRIES): PersonaAttribute[] {
  const rank = { core: 0, near: 1, mid: 2, far: 3 } as const;
  return filled
    .filter((a) => a.status === "filled")
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank[x.a.tier] - rank[y.a.tier] || x.i - y.i)
    .slice(0, max)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.a);
}

async function fillBatch(
  ctx: PersonaEngineContext,
  batch: FillAttributesInput["picks"],
  digest: string,
  input: FillAttributesInput,
  key: string,
): Promise<PersonaAttribute[]> {
  const slots = batchSlots(batch.map((b) => b.leaf));
  const tierOf = new Map(batch.map((b) => [b.leaf.index, b.tier]));
  const values = new Map<string, string>();
  const problems = new Map<string, string>();

  const attempt = async (todo: BatchSlot[], repairNote?: string) => {
    try {
      const { schema, jsonSchema } = fillBatchSchema(todo, ctx.referenceYear);
      const res = await ctx.client.structured({
        key: repairNote ? `${key}/repair` : key,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        schema,
        jsonSchema,
        name: "persona_attributes",
        promptVersion: FILL_BATCH_PROMPT_VERSION,
        messages: fillBatchPrompt({ profile: input.profile, digest, count: todo.length, ...(repairNote ? { repairNote } : {}) }),
      });
      input.tally.add(res.usage, res.attempts, res.repaired);
      const obj = res.value as Record<string, unknown>;
      for (const s of todo) {
        const problem = attributeValueProblem(s.leaf, obj[s.key]);
        if (problem) problems.set(s.key, problem);
        else {
          values.set(s.key, attributeValueText(s.leaf, obj[s.key]));
          problems.delete(s.key);
        }
      }
    } catch (err) {
      if (!isDeepPersonaError(err) || err.code === "E_CANCELLED" || err.exitCode === 2) throw err;
      const raw = err.details as
        | { usage?: { inputTokens: number; outputTokens: number; totalTokens: number }; attempts?: number }
        | undefined;
      if (raw?.usage) input.tally.add(raw.usage, raw.attempts ?? 1);
      for (const s of todo) problems.set(s.key, `${err.code}: ${err.message.split("\n")[0]}`);
    }
  };

  await attempt(slots);
  const bad = slots.filter((s) => problems.has(s.key));
  if (bad.length > 0 && bad.length < slots.length) {
    // one repair for the attributes that came back invalid or missing
    const note = `These values were not usable; give them again: ${bad.map((s) => `${s.key} (${problems.get(s.key)})`).join("; ")}.`;
    input.tally.totals.repairs++;
    await attempt(bad, note);
  }
  return slots.map((s): PersonaAttribute => {
    const tier = tierOf.get(s.leaf.index) ?? "far";
    const value = values.get(s.key);
    const at = { path: s.leaf.path, category: s.leaf.category, tier };
    return value !== undefined
      ? { ...at, status: "filled", value, source: "llm" }
      : { ...at, status: "unfilled", value: null, source: "llm", reason: problems.get(s.key) ?? "no value returned" };
  });
}
