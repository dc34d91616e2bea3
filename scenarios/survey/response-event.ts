// the "response" event of one recorded answer: everything a dashboard folds into live answer
// distributions (arm × country × item counts and statuses), without reading responses.jsonl.
import type { RunEventInput } from "../../core/store/run-event.js";
import type { ResponseRecord } from "./response-record.js";

export function responseEvent(key: string, record: ResponseRecord): RunEventInput {
  return {
    type: "response",
    key,
    persona_id: record.persona_id,
    // item_id: the field name of runs written before `item` existed; kept for readers of those
    item_id: record.item,
    item: record.item,
    status: record.status,
    arm: record.arm,
    country: record.country,
    value: record.value,
    ...(record.probs ? { probs: record.probs } : {}),
  };
}
