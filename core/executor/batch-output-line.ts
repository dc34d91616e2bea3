// one line of a batch's output or error file, parsed and sanitised: the file comes from a server
// and is untrusted. a line is kept only when its custom_id is one this batch sent (first wins);
// error text is stripped of control characters and cut short; a 2xx body must be a chat
// completion object (choices array) and is size-capped.
import { z } from "zod";
import { stripControl } from "../sanitize/strip-control.js";

export const batchOutputLineSchema = z.object({
  custom_id: z.string().min(1).max(512),
  response: z
    .object({
      status_code: z.number().int().min(100).max(599),
      body: z.unknown(),
    })
    .passthrough()
    .nullable()
    .optional(),
  error: z.object({ code: z.unknown().optional(), message: z.unknown().optional() }).passthrough().nullable().optional(),
});

/** what one custom_id came back as */
export type BatchLineResult =
  | { customId: string; ok: true; status: number; body: Record<string, unknown> }
  | { customId: string; ok: false; status?: number; code?: string; message: string; transient: boolean };

const MAX_TEXT = 300;
/** a 2xx body bigger than this (serialised) is refused as malformed */
export const MAX_BODY_CHARS = 4 * 1024 * 1024;

const clean = (v: unknown): string | undefined =>
  typeof v === "string" || typeof v === "number" ? stripControl(String(v), { keepLines: false }).slice(0, MAX_TEXT) : undefined;

const TRANSIENT_CODES = new Set([
  "server_error",
  "rate_limit_exceeded",
  "internal_error",
  "timeout",
  "batch_expired",
  "batch_cancelled",
  "overloaded",
  "service_unavailable",
]);

/** is a failed line worth sending again? 408/409/425/429/5xx and server-side codes are; 4xx and unknown codes are not */
export function isTransientLineError(status: number | undefined, code: string | undefined): boolean {
  if (status !== undefined) return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/** the lines of an output/error file for the ids in `sent`; unknown ids, duplicates and malformed lines are counted in `rejected` */
export function parseBatchOutput(text: string, sent: ReadonlySet<string>): { results: BatchLineResult[]; rejected: number } {
  const results: BatchLineResult[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const raw of text.split("\n")) {
    if (!raw.trim()) continue;
    let json: unknown; // stays undefined when the line is not JSON: rejected below
    try {
      json = JSON.parse(raw);
    } catch {}
    const parsed = batchOutputLineSchema.safeParse(json);
    if (!parsed.success || !sent.has(parsed.data.custom_id) || seen.has(parsed.data.custom_id)) {
      rejected++;
      continue;
    }
    const line = parsed.data;
    seen.add(line.custom_id);
    const status = line.response?.status_code;
    const body = line.response?.body;
    if (status !== undefined && status >= 200 && status < 300) {
      const okBody =
        body &&
        typeof body === "object" &&
        !Array.isArray(body) &&
        Array.isArray((body as { choices?: unknown }).choices) &&
        JSON.stringify(body).length <= MAX_BODY_CHARS;
      if (okBody) results.push({ customId: line.custom_id, ok: true, status, body: body as Record<string, unknown> });
      else
        results.push({
          customId: line.custom_id,
          ok: false,
          status: 502,
          code: "malformed_body",
          message: "the batch answered this request with a body that is not a chat completion",
          transient: true,
        });
      continue;
    }
    const bodyError = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = clean(line.error?.code) ?? clean(bodyError?.code);
    const message = clean(line.error?.message) ?? clean(bodyError?.message) ?? (status === undefined ? "no response" : `status ${status}`);
    results.push({
      customId: line.custom_id,
      ok: false,
      ...(status === undefined ? {} : { status }),
      ...(code === undefined ? {} : { code }),
      message,
      transient: isTransientLineError(status, code),
    });
  }
  return { results, rejected };
}
