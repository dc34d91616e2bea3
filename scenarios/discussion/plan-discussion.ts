// the whole design of a discussion run as data, a pure function of the personas and the spec:
// groups (formGroups), their arms (assignArms), each round's seeded speaking order and the turn
// list. turns are listed interleaved across groups (every group's 1st turn, then every group's
// 2nd, …): a turn needs the earlier turns of its own group only, so with this order the
// scheduler's window holds turns of different groups that can run at the same time.
// message-only groups are split into single-member "groups" with one turn each: the persona reads
// the treatment message and answers it alone (no one else, one round), so the arm isolates the
// message from the discussion; each such persona is its own cluster (no interaction).
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

export function planDiscussion(
  personas: readonly { id: string; country: string }[],
  spec: Pick<DiscussionSpec, "groupSize" | "arms" | "rounds" | "seed">,
): DiscussionPlan {
  const formed = formGroups(personas, { size: spec.groupSize, seed: spec.seed });
  const arms = assignArms(formed, spec.arms, spec.seed);
  const groups: PlannedGroup[] = formed.flatMap((g): PlannedGroup[] => {
    const arm = arms.get(g.id) as DiscussionArm;
    if (arm !== "message-only") return [{ ...g, arm }];
    return g.members.map((id, i) => ({ ...g, id: `${g.id}-m${i + 1}`, members: [id], arm }));
  });
  const perGroup = groups.map((group) => {
    const turns: PlannedTurn[] = [];
    const rounds = group.arm === "message-only" ? 1 : spec.rounds;
    for (let round = 1; round <= rounds; round++) {
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

/** what the post measure's memory shows in place of the opening message: the same neutral line in every arm, so the measure never re-shows the treatment */
export const POST_MEMORY_OPENING = "(The moderator opened the conversation.)";

/** the moderator message that opens round 1 of an arm's groups, without a leading "Moderator:" */
export function moderatorMessage(spec: Pick<DiscussionSpec, "treatment" | "control">, arm: DiscussionArm): string {
  const text = arm === "treatment" || arm === "message-only" ? (spec.treatment ?? "") : spec.control;
  const body = text.trim().replace(/^moderator\s*:\s*/i, "");
  return body.charAt(0).toUpperCase() + body.slice(1);
}
