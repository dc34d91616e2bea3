// the transient-retry knobs of model calls (tests shorten them), handed down from a scenario to
// its agents and calls; only the knobs that are set are passed on, so the rest keep their defaults.
import type { Sleep } from "./invoke-with-retry.js";

export interface RetryKnobs {
  sleep?: Sleep | undefined;
  maxTransientRetries?: number | undefined;
  baseDelayMs?: number | undefined;
}

/** the knobs that are set */
export function retryOptions(knobs: RetryKnobs | undefined): RetryKnobs {
  return {
    ...(knobs?.sleep ? { sleep: knobs.sleep } : {}),
    ...(knobs?.maxTransientRetries === undefined ? {} : { maxTransientRetries: knobs.maxTransientRetries }),
    ...(knobs?.baseDelayMs === undefined ? {} : { baseDelayMs: knobs.baseDelayMs }),
  };
}
