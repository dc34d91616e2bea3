import { z } from "zod";

export const VALUE_KINDS = ["text", "category", "level", "frequency", "quantity", "yes-no", "period"] as const;
export const ValueKindSchema = z.enum(VALUE_KINDS);
export type ValueKind = z.infer<typeof ValueKindSchema>;

/** the 12 top-level categories, in the paper's order, with their file slugs */
export const TAXONOMY_CATEGORIES = [
  "Demographic Information",
  "Career and Work Identity",
  "Core Values, Beliefs and Philosophy",
  "Cultural and Social Context",
  "Education and Learning",
  "Emotional and Relational Skills",
  "Hobbies, Interests and Lifestyle",
  "Lifestyle and Daily Routine",
  "Media Consumption and Engagement",
  "Physical and Health Characteristics",
  "Psychological and Cognitive Aspects",
  "Relationships and Social Networks",
] as const;

export function categorySlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface TaxonomyNode {
  name: string;
  description?: string | undefined;
  kind?: ValueKind | undefined;
  options?: string[] | undefined;
  unit?: string | undefined;
  children?: TaxonomyNode[] | undefined;
}

// structural schema; semantic rules (names, kinds per leaf, depth, duplicates) live in validate-taxonomy.ts
// so that ALL problems are reported at once with their paths.
export const TaxonomyNodeSchema: z.ZodType<TaxonomyNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    description: z.string().optional(),
    kind: z.string().optional() as z.ZodType<ValueKind | undefined>,
    options: z.array(z.string()).optional(),
    unit: z.string().optional(),
    children: z.array(TaxonomyNodeSchema).optional(),
  }),
);

export const TaxonomyCategoryFileSchema = z.object({
  version: z.string(),
  category: TaxonomyNodeSchema,
});

export const TaxonomyIndexSchema = z.object({
  version: z.string(),
  content_hash: z.string(),
  provenance: z.object({ source: z.string(), year: z.number(), licence: z.string(), note: z.string() }),
  categories: z.array(z.object({ name: z.string(), file: z.string(), nodes: z.number(), leaves: z.number() })),
});
export type TaxonomyIndex = z.infer<typeof TaxonomyIndexSchema>;

export interface TaxonomyProblem {
  /** "Category > Facet > Attribute" or a file:line location */
  path: string;
  rule: "kind" | "options" | "unit" | "duplicate" | "name" | "meta-label" | "depth" | "description" | "structure" | "categories" | "syntax";
  message: string;
}
