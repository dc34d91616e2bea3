// progress of a survey run on stderr: personas generated, then responses with their statuses.
// on a terminal one line is redrawn; otherwise a line at every 10% (and at the end). while
// `enabled()` is false (a dashboard draws) it counts without writing.
import type { Writable } from "node:stream";
import { createLineProgress } from "./line-progress.js";

export interface SurveyProgress {
  persona(p: { id: string; country: string }): void;
  response(r: { status: string }): void;
  /** ends a redrawn line */
  done(): void;
}

export interface SurveyProgressOptions {
  stderr: Writable;
  isTTY: boolean;
  personas: number;
  personasDone: number;
  rows: number;
  rowsDone: number;
  /** default: always */
  enabled?: () => boolean;
}

export function createSurveyProgress(opts: SurveyProgressOptions): SurveyProgress {
  let personas = opts.personasDone;
  let rows = opts.rowsDone;
  const statuses: Record<string, number> = { ok: 0, refused: 0, invalid: 0 };
  const line = createLineProgress({ stderr: opts.stderr, isTTY: opts.isTTY, ...(opts.enabled ? { enabled: opts.enabled } : {}) });
  return {
    persona(p) {
      personas++;
      if (line.due(personas, opts.personas)) line.write(`personas ${personas}/${opts.personas}  last ${p.id}`);
    },
    response(r) {
      rows++;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (line.due(rows, opts.rows)) line.write(`responses ${rows}/${opts.rows}  this session: ok ${statuses.ok} · refused ${statuses.refused} · invalid ${statuses.invalid}`);
    },
    done: () => line.done(),
  };
}
