// the stress test's roles (users, target, judge) are model clients (core/model/model-client.ts):
// each records its own spec, sampling and latencies; this file keeps the record form of usage.
import type { ModelClient } from "../../core/model/model-client.js";

/** a model in one role of the stress test */
export type RoleModel = ModelClient;

/** a call's usage in record form (the shared call metadata's) */
export { usageRecord } from "../../core/store/call-metadata.js";
