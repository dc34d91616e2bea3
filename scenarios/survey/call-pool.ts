// batched mode: several row tasks share one model call. `CallPool` runs each group's call once
// (memoised by group key) with at most `concurrency` calls in flight, and forgets a group once
// its last row took its answer.
export class CallPool<T> {
  private readonly calls = new Map<string, { promise: Promise<T>; remaining: number }>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  /** the group's result; `size` rows will ask for it (the call is forgotten after the last) */
  async take(group: string, size: number, call: () => Promise<T>): Promise<T> {
    let entry = this.calls.get(group);
    if (!entry) {
      entry = { promise: this.limited(call), remaining: size };
      this.calls.set(group, entry);
    }
    entry.remaining--;
    if (entry.remaining <= 0) this.calls.delete(group);
    return entry.promise;
  }

  private async limited(call: () => Promise<T>): Promise<T> {
    while (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await call();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
