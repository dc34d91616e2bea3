// a scenario spec parsed at the boundary: the schema fills the defaults; a value it rejects is a
// one-line UsageError naming the field (`runSurvey: samples: Too big: expected number to be <=100`).
import type { z } from "zod";
import { UsageError } from "../core/errors.js";

export function parseSpec<S>(schema: z.ZodType<S>, input: unknown, who: string): S {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`${who}: ${issue?.path.join(".") || "spec"}: ${issue?.message ?? "invalid"}`);
}
