// the whole design of a discussion run as data, a pure function of the personas and the spec:
// groups (formGroups), their arms (assignArms), each round's seeded speaking order and the turn
// list. turns are listed interleaved across groups (every group's 1st turn, then every group's
// 2nd, …): a turn needs the earlier turns of its own group only, so with this order the
// scheduler's window holds turns of different groups that can run at the same time.
import { createRng } from "../../core/rng.js";
import { assignArms } from "./assign-arms.js";
import type { DiscussionArm, DiscussionSpec } from "./discussion-spec.js";
import { formGroups, type DiscussionGroup } from "./form-groups.js";

export interface PlannedGroup extends DiscussionGroup {
  arm: DiscussionArm;
}

export interface PlannedTurn {
  /** "<group>/r<round>/t<turn>" */
  key: string;
  group: PlannedGroup;
  round: number;
  turn: number;
  personaId: string;
  /** 0-based position in the group's whole discussion */
  index: number;
}

export interface DiscussionPlan {
  groups: PlannedGroup[];
  /** interleaved across groups; within a group in speaking order */
  turns: PlannedTurn[];
  /** persona id → its group */
  groupOf: Map<string, PlannedGroup>;
}

export function turnKey(group: string, round: number, turn: number): string {
  return `${group}/r${round}/t${turn}`;
}

/** the speaking order of one round: a seeded shuffle of the members, per group and round */
export function speakingOrder(group: DiscussionGroup, round: number, seed: number | string): string[] {
  return createRng(seed).fork("speaking-order").fork(group.id).fork(round).shuffle(group.members);
}

export function planDiscussion(personas: readonly { id: string; country: string }[], spec: Pick<DiscussionSpec, "groupSize" | "arms" | "rounds" | "seed">): DiscussionPlan {
  const formed = formGroups(personas, { size: spec.groupSize, seed: spec.seed });
  const arms = assignArms(formed, spec.arms, spec.seed);
  const groups: PlannedGroup[] = formed.map((g) => ({ ...g, arm: arms.get(g.id) as DiscussionArm }));
  const perGroup = groups.map((group) => {
    const turns: PlannedTurn[] = [];
    for (let round = 1; round <= spec.rounds; round++) {
      speakingOrder(group, round, spec.seed).forEach((personaId, i) => {
        turns.push({ key: turnKey(group.id, round, i + 1), group, round, turn: i + 1, personaId, index: turns.length });
      });
    }
    return turns;
  });
  const turns: PlannedTurn[] = [];
  const longest = Math.max(0, ...perGroup.map((t) => t.length));
  for (let s = 0; s < longest; s++) for (const list of perGroup) if (s < list.length) turns.push(list[s] as PlannedTurn);
  const groupOf = new Map<string, PlannedGroup>();
  for (const g of groups) for (const id of g.members) groupOf.set(id, g);
  return { groups, turns, groupOf };
}

/** the moderator message that opens round 1 of an arm's groups, without a leading "Moderator:" */
export function moderatorMessage(spec: Pick<DiscussionSpec, "treatment" | "control">, arm: DiscussionArm): string {
  const text = arm === "treatment" ? (spec.treatment ?? "") : spec.control;
  const body = text.trim().replace(/^moderator\s*:\s*/i, "");
  return body.charAt(0).toUpperCase() + body.slice(1);
}
