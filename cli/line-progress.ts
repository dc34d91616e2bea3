// progress lines on stderr: on a terminal one line is redrawn in place; otherwise a line is
// written whenever a count is due — at every 1/`steps` of its total (10% by default) and at its
// end. while `enabled()` is false (a dashboard draws) nothing is written.
import type { Writable } from "node:stream";

export interface LineProgressOptions {
  stderr: Writable;
  isTTY: boolean;
  /** default 10 (a line every 10%) */
  steps?: number;
  /** default: always */
  enabled?: () => boolean;
}

export interface LineProgress {
  /** whether count `n` of `total` gets a line */
  due(n: number, total: number): boolean;
  write(line: string): void;
  /** ends a redrawn line */
  done(): void;
}

export function createLineProgress(opts: LineProgressOptions): LineProgress {
  const steps = opts.steps ?? 10;
  let drawn = false;
  return {
    due: (n, total) => opts.isTTY || n === total || n % Math.max(1, Math.ceil(total / steps)) === 0,
    write(line) {
      if (opts.enabled && !opts.enabled()) return;
      if (opts.isTTY) {
        opts.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else opts.stderr.write(`${line}\n`);
    },
    done() {
      if (drawn) opts.stderr.write("\n");
      drawn = false;
    },
  };
}
