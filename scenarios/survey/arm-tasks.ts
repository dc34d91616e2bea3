// the keyed tasks survey-tasks delegates for one arm × persona × sample: the uniform arm (no model
// call), the tao2024 arm (plain-text answers) and the list questions (batteries) of every other
// arm. rows are built by the caller's `row`, so every arm's rows look alike.
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import type { JsonRecord } from "../../core/store/scan-jsonl.js";
import type { CallInfo, ItemAnswer } from "../../agents/persona-agent-state.js";
import type { PresentedItem } from "../../surveys/present-item.js";
import type { PresentedBattery } from "../../surveys/present-battery.js";
import { answerBattery, answerPlain, uniformAnswer, uniformBattery, type ArmCallDeps } from "./arm-calls.js";
import type { CallPool } from "./call-pool.js";
import { TAO2024_PROMPT_VERSION } from "../../agents/prompts/tao2024-prompt.js";

export interface ArmTasksInput {
  arm: string;
  personaId: string;
  sample: number;
  items: readonly PresentedItem[];
  batteries: readonly PresentedBattery[];
  /** the system prompt of this arm (tao2024: Tao et al.'s sentence; others: profile + survey instruction) */
  system: string;
  preamble?: string | undefined;
  allowRefusal: boolean;
  runSeed: number | string;
  deps: Omit<ArmCallDeps, "key" | "signal">;
  pool: CallPool<{ answers: ItemAnswer[]; call: CallInfo }>;
  key(item: string): string;
  estimate: { item(item: PresentedItem): number; battery(battery: PresentedBattery): number };
}

/** tasks for the items asked one by one: uniform draws or tao2024 plain answers (other arms: the agent) */
export function itemArmTasks<R extends JsonRecord>(
  input: ArmTasksInput & { row(answer: ItemAnswer, call: CallInfo, part: [number, number]): R },
): KeyedTask<R>[] {
  return input.items.map((item) => {
    const key = input.key(item.itemId);
    if (input.arm === "uniform")
      return {
        key,
        estimateUsd: 0,
        run: async () => {
          const r = uniformAnswer(item, input.runSeed, key);
          return input.row(r.answer, r.call, [0, 1]);
        },
      };
    return {
      key,
      estimateUsd: input.estimate.item(item),
      run: async (signal: AbortSignal) => {
        const r = await answerPlain({ ...input.deps, key, signal }, { system: input.system, item, preamble: input.preamble });
        return input.row(r.answer, r.call, [0, 1]);
      },
    };
  });
}

/** tasks for the list questions: one call (or uniform draw) per battery, one row per recorded member */
export function batteryArmTasks<R extends JsonRecord>(
  input: ArmTasksInput & { row(answer: ItemAnswer, call: CallInfo, part: [number, number], battery: string): R },
): KeyedTask<R>[] {
  const tasks: KeyedTask<R>[] = [];
  for (const battery of input.batteries) {
    const group = input.key(battery.batteryId);
    const call = async (signal?: AbortSignal) =>
      input.arm === "uniform"
        ? uniformBattery(battery, input.runSeed, group)
        : answerBattery(
            { ...input.deps, key: group, ...(signal ? { signal } : {}) },
            {
              system: input.system,
              battery,
              preamble: input.preamble,
              allowRefusal: input.allowRefusal,
              ...(input.arm === "tao2024" ? { systemVersion: TAO2024_PROMPT_VERSION } : {}),
            },
          );
    battery.recorded.forEach((itemId, i) => {
      tasks.push({
        key: input.key(itemId),
        estimateUsd: i === 0 && input.arm !== "uniform" ? input.estimate.battery(battery) : 0,
        run: async (signal: AbortSignal) => {
          const res = await input.pool.take(group, battery.recorded.length, () => call(signal));
          return input.row(res.answers[i] as ItemAnswer, res.call, [i, battery.recorded.length], battery.batteryId);
        },
      });
    });
  }
  return tasks;
}
