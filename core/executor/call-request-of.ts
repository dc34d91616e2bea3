// a CallRequest with its stable id: `${runId}-${key}[-repair]-${content hash}`. the same call
// in a resumed or restarted run gets the same id (a queue then returns the stored result instead
// of calling again); a call whose content changed (another prompt, seed, schema) gets a new one.
// ':' is not allowed in queue job ids, so it becomes '~'.
import { createHash } from "node:crypto";
import { canonicalJson } from "../cache/canonical-json.js";
import { CallRequestSchema, type CallRequest } from "./call-request.js";

export function callRequestOf(o: {
  runId: string;
  key: string;
  round: number;
  kind: CallRequest["kind"];
  model: string;
  input: CallRequest["input"];
}): CallRequest {
  const hash = createHash("sha256")
    .update(canonicalJson([o.kind, o.model, o.input]))
    .digest("hex")
    .slice(0, 16);
  const id = `${o.runId}-${o.key}${o.round > 0 ? `-r${o.round}` : ""}-${hash}`.replaceAll(":", "~");
  return CallRequestSchema.parse({ id, kind: o.kind, model: o.model, key: o.key, input: o.input });
}
