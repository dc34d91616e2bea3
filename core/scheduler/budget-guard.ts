// the scheduler's view of a budget: before starting a task it asks whether the spend so far plus
// the estimate stays within the cap. core/usage's Budget satisfies this structurally.
// - with `reserve`, the guard tracks in-flight estimates itself: the scheduler asks
//   canAfford(estimate), reserves it at launch and releases it when the task (and its record)
//   is done, by which time its real cost is metered;
// - without it, the scheduler asks canAfford(in-flight estimates + estimate).
export interface BudgetGuard {
  canAfford(estimateUsd: number): boolean;
  reserve?(estimateUsd: number): () => void;
}
