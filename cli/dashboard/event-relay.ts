// hands events to a listener that is attached later: the run store emits run-start (and
// recovered) events while the run is being prepared, before the dashboard exists.
import type { RunEvent } from "../../core/store/run-event.js";

export interface EventRelay {
  push(event: RunEvent): void;
  /** the events buffered so far (removed from the buffer) */
  take(): RunEvent[];
  /** delivers the buffered events, then every later one */
  attach(listener: (event: RunEvent) => void): void;
}

export function createEventRelay(): EventRelay {
  const buffered: RunEvent[] = [];
  let listener: ((event: RunEvent) => void) | undefined;
  return {
    push(event) {
      if (listener) listener(event);
      else buffered.push(event);
    },
    take() {
      return buffered.splice(0);
    },
    attach(next) {
      listener = next;
      for (const e of buffered.splice(0)) next(e);
    },
  };
}
