// progress of a survey run on stderr: personas generated, then responses with their statuses.
// on a terminal one line is redrawn; otherwise a line at every 10% (and at the end). while
// `enabled()` is false (a dashboard draws) it counts without writing.
import type { Writable } from "node:stream";

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
  let drawn = false;
  const step = (total: number) => Math.max(1, Math.ceil(total / 10));
  const write = (line: string) => {
    if (opts.enabled && !opts.enabled()) return;
    if (opts.isTTY) {
      opts.stderr.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else opts.stderr.write(`${line}\n`);
  };
  return {
    persona(p) {
      personas++;
      if (opts.isTTY || personas === opts.personas || personas % step(opts.personas) === 0) write(`personas ${personas}/${opts.personas}  last ${p.id}`);
    },
    response(r) {
      rows++;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (opts.isTTY || rows === opts.rows || rows % step(opts.rows) === 0) {
        write(`responses ${rows}/${opts.rows}  this session: ok ${statuses.ok} · refused ${statuses.refused} · invalid ${statuses.invalid}`);
      }
    },
    done() {
      if (drawn) opts.stderr.write("\n");
      drawn = false;
    },
  };
}
