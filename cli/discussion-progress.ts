// progress of a discussion run on stderr: personas, then pre measures, turns and post measures.
// on a terminal one line is redrawn (nothing while a dashboard draws: `enabled()` false); otherwise a line at every 10% of a stage (and at its end).
import type { Writable } from "node:stream";
import { createLineProgress } from "./line-progress.js";

export type DiscussionStage = "personas" | "pre" | "turns" | "post";

export interface DiscussionProgress {
  step(stage: DiscussionStage, detail?: string): void;
  /** ends a redrawn line */
  done(): void;
}

export function createDiscussionProgress(opts: { stderr: Writable; isTTY: boolean; enabled?: () => boolean; totals: Record<DiscussionStage, number>; done: Record<DiscussionStage, number> }): DiscussionProgress {
  const count = { ...opts.done };
  const line = createLineProgress({ stderr: opts.stderr, isTTY: opts.isTTY, ...(opts.enabled ? { enabled: opts.enabled } : {}) });
  return {
    step(stage, detail) {
      count[stage]++;
      const total = opts.totals[stage];
      if (line.due(count[stage], total)) line.write(`${stage} ${count[stage]}/${total}${detail ? `  ${detail}` : ""}`);
    },
    done: () => line.done(),
  };
}
