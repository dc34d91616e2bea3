// a scenario run's id: "<command>-<8 hex>", a hash of what was asked (command, config, seed,
// models), not of where it is written, so the same run written to two directories is
// byte-identical in full. the run limits (concurrency, rpm, budget) do not change the output and
// are left out. a resumed run keeps the id its manifest has.
import { hashString128 } from "../rng.js";

const LIMITS = new Set(["concurrency", "requestsPerMinute", "rpm", "budgetUsd"]);

export function runIdOf(command: string, config: Record<string, unknown>, seed: number | string, models: Record<string, string>): string {
  const asked = Object.fromEntries(Object.entries(config).filter(([k]) => !LIMITS.has(k)));
  const [a] = hashString128(JSON.stringify([command, asked, String(seed), models]));
  return `${command.replace(/[^a-z0-9]+/gi, "-")}-${(a >>> 0).toString(16).padStart(8, "0")}`;
}
