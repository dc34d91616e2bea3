// progress of a discussion run on stderr: personas, then pre measures, turns and post measures.
// on a terminal one line is redrawn; otherwise a line at every 10% of a stage (and at its end).
import type { Writable } from "node:stream";

export type DiscussionStage = "personas" | "pre" | "turns" | "post";

export interface DiscussionProgress {
  step(stage: DiscussionStage, detail?: string): void;
  /** ends a redrawn line */
  done(): void;
}

export function createDiscussionProgress(opts: { stderr: Writable; isTTY: boolean; totals: Record<DiscussionStage, number>; done: Record<DiscussionStage, number> }): DiscussionProgress {
  const count = { ...opts.done };
  let drawn = false;
  const write = (line: string) => {
    if (opts.isTTY) {
      opts.stderr.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else opts.stderr.write(`${line}\n`);
  };
  return {
    step(stage, detail) {
      count[stage]++;
      const total = opts.totals[stage];
      const every = Math.max(1, Math.ceil(total / 10));
      if (opts.isTTY || count[stage] === total || count[stage] % every === 0) write(`${stage} ${count[stage]}/${total}${detail ? `  ${detail}` : ""}`);
    },
    done() {
      if (drawn) opts.stderr.write("\n");
      drawn = false;
    },
  };
}
