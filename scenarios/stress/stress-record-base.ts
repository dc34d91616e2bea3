// the fields every stress record starts with (exchanges, conversations, judgements): its key, the
// run, and the persona × probe conversation it belongs to.
import { z } from "zod";

export const StressRecordBaseSchema = z.object({
  key: z.string(),
  run_id: z.string(),
  persona_id: z.string(),
  country: z.string(),
  probe_id: z.string(),
  category: z.string(),
});
