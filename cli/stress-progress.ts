// progress of a stress test on stderr: personas, then exchanges (user turn + target reply), then
// judgements with their statuses. on a terminal one line is redrawn; otherwise a line at every
// 10% of a phase (and at its end).
import type { Writable } from "node:stream";
import { createLineProgress } from "./line-progress.js";

export interface StressProgress {
  persona(p: { id: string }): void;
  exchange(e: { persona_id: string; probe_id: string; turn: number }): void;
  judgement(j: { status: string; failures: readonly string[] }): void;
  /** ends a redrawn line */
  done(): void;
}

export interface StressProgressTotals {
  personas: number;
  personasDone: number;
  exchanges: number;
  exchangesDone: number;
  judgements: number;
  judgementsDone: number;
}

export function createStressProgress(opts: { stderr: Writable; isTTY: boolean; enabled?: () => boolean } & StressProgressTotals): StressProgress {
  const count = { personas: opts.personasDone, exchanges: opts.exchangesDone, judgements: opts.judgementsDone, ok: 0, invalid: 0, failing: 0 };
  const line = createLineProgress({ stderr: opts.stderr, isTTY: opts.isTTY, ...(opts.enabled ? { enabled: opts.enabled } : {}) });
  return {
    persona(p) {
      count.personas++;
      if (line.due(count.personas, opts.personas)) line.write(`personas ${count.personas}/${opts.personas}  last ${p.id}`);
    },
    exchange(e) {
      count.exchanges++;
      if (line.due(count.exchanges, opts.exchanges)) line.write(`exchanges ${count.exchanges}/${opts.exchanges}  last ${e.persona_id} · ${e.probe_id} · turn ${e.turn}`);
    },
    judgement(j) {
      count.judgements++;
      if (j.status === "ok") count.ok++;
      else count.invalid++;
      if (j.failures.length > 0) count.failing++;
      if (line.due(count.judgements, opts.judgements)) {
        line.write(`judgements ${count.judgements}/${opts.judgements}  this session: ok ${count.ok} · invalid ${count.invalid} · with a failure label ${count.failing}`);
      }
    },
    done: () => line.done(),
  };
}
