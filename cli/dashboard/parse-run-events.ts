// events.jsonl text → events, for replaying a run directory. complete lines only (a line still
// being written, or torn by a crash, is left for the next read); lines that are not valid events
// (e.g. of a newer version) are skipped and counted. responses of runs written before response
// events carried arm, country, item and value get them from responses.jsonl (withResponseFields).
import { runEventSchema, type RunEvent } from "../../core/store/run-event.js";

export interface ParsedEvents {
  events: RunEvent[];
  /** bytes consumed (up to and including the last newline) */
  consumed: number;
  skipped: number;
}

export function parseRunEvents(text: string): ParsedEvents {
  const end = text.lastIndexOf("\n") + 1;
  const events: RunEvent[] = [];
  let skipped = 0;
  for (const line of text.slice(0, end).split("\n")) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = runEventSchema.safeParse(json);
    if (parsed.success) events.push(parsed.data as RunEvent);
    else skipped++;
  }
  return { events, consumed: Buffer.byteLength(text.slice(0, end), "utf8"), skipped };
}

/** response events missing arm/country/item/value, completed from the response records by key */
export function withResponseFields(events: readonly RunEvent[], records: ReadonlyMap<string, Record<string, unknown>>): RunEvent[] {
  return events.map((e) => {
    if (e.type !== "response" || (e.arm !== undefined && e.country !== undefined && e.value !== undefined)) return e;
    const r = records.get(e.key);
    if (!r) return e;
    const probs = e.probs ?? r.probs;
    return {
      ...e,
      arm: e.arm ?? r.arm,
      country: e.country ?? r.country,
      item: e.item ?? r.item,
      value: e.value ?? r.value,
      ...(probs ? { probs } : {}),
    } as RunEvent;
  });
}
