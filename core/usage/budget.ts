// budget guard for --budget-usd. the scheduler asks `canAfford(estimate)` BEFORE starting a task
// and stops scheduling when the answer is false, so the cap is never knowingly crossed.
// concurrency: tasks in flight have not been metered yet, so reserve their estimate while they
// run (`const release = budget.reserve(x)`; call `release()` once the task's calls were metered).
import type { UsageMeter } from "./usage-meter.js";

export interface BudgetOptions {
  /** cap in USD; undefined or Infinity = unlimited */
  capUsd?: number;
  meter: UsageMeter;
}

export class Budget {
  readonly capUsd: number;
  private readonly meter: UsageMeter;
  private reservedUsd = 0;

  constructor(options: BudgetOptions) {
    const cap = options.capUsd ?? Number.POSITIVE_INFINITY;
    if (!(cap >= 0)) throw new RangeError(`budget cap must be a non-negative number, got ${options.capUsd}`);
    this.capUsd = cap;
    this.meter = options.meter;
  }

  /** metered spend so far (USD) */
  spentUsd(): number {
    return this.meter.totalCostUsd();
  }

  /** estimates held by tasks still in flight (USD) */
  reservedUsdTotal(): number {
    return this.reservedUsd;
  }

  /** cap − spent − reserved (never below 0; Infinity when unlimited) */
  remainingUsd(): number {
    return Math.max(0, this.capUsd - this.spentUsd() - this.reservedUsd);
  }

  /** true when spent + reserved + estimatedNextUsd stays within the cap */
  canAfford(estimatedNextUsd: number): boolean {
    return this.spentUsd() + this.reservedUsd + Math.max(0, estimatedNextUsd) <= this.capUsd;
  }

  /** true once spending reached the cap */
  exhausted(): boolean {
    return this.spentUsd() >= this.capUsd;
  }

  /** hold an estimate for a task in flight; returns the release function (idempotent) */
  reserve(estimatedUsd: number): () => void {
    const amount = Math.max(0, estimatedUsd);
    this.reservedUsd += amount;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reservedUsd = Math.max(0, this.reservedUsd - amount);
    };
  }
}
