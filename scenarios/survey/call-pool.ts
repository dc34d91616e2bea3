// batched mode: several row tasks share one model call. `CallPool` runs each group's call once
// (memoised by group key) and forgets a group once its last row took its answer. not a limiter:
// the model client's limiter caps the requests in flight.
export class CallPool<T> {
  private readonly calls = new Map<string, { promise: Promise<T>; remaining: number }>();

  /** the group's result; `size` rows will ask for it (the call is forgotten after the last) */
  take(group: string, size: number, call: () => Promise<T>): Promise<T> {
    let entry = this.calls.get(group);
    if (!entry) {
      entry = { promise: call(), remaining: size };
      this.calls.set(group, entry);
    }
    entry.remaining--;
    if (entry.remaining <= 0) this.calls.delete(group);
    return entry.promise;
  }
}
