// a measures phase's keyed tasks: every persona answers every outcome item once, in a fresh
// context, in persona × item order. pre: before any discussion. post: after its group's
// discussion; with postMemory "transcript" the persona remembers the discussion (the group's
// transcript from its point of view, token-budgeted, in the item's preamble), with "none" it
// remembers nothing (a noise floor: any change is sampling variation). each call has a request
// seed derived from its key; a persona sees the same option order pre and post. the memory never
// re-shows the opening message (treatment or control): a neutral line stands in its place in every
// arm, so the post measure reads the persona's conversation, not the treatment again.
import type { ModelClient } from "../../core/model/model-client.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { callMetadata } from "../../core/store/call-metadata.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { presentItem } from "../../surveys/present-item.js";
import type { PersonaAgent } from "../../agents/create-persona-agent.js";
import { DISCUSSION_MEMORY_PROMPT_VERSION, discussionMemoryPreamble } from "../../agents/prompts/discussion-memory-prompt.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import type { MeasurePhase, MeasureRow } from "./measure-record.js";
import { POST_MEMORY_OPENING, type DiscussionPlan } from "./plan-discussion.js";
import type { TurnRecord } from "./turn-record.js";
import { speakerLabels, transcriptWindow } from "./transcript-window.js";

/** an outcome item and where it comes from */
export interface MeasuredItem {
  item: SurveyItem;
  /** "wvs", … or "custom" */
  instrument: string;
  /** the instrument's own preamble, if any */
  preamble?: string | undefined;
}

export interface MeasureTasksOptions {
  phase: MeasurePhase;
  spec: DiscussionSpec;
  runId: string;
  plan: DiscussionPlan;
  /** in personas.jsonl order */
  personas: readonly Persona[];
  items: readonly MeasuredItem[];
  /** personas who see ordinal options in reverse order */
  reversed: ReadonlySet<string>;
  /** post: every turn of the discussion, in write order */
  turns?: readonly TurnRecord[];
  agentFor: (persona: Persona) => PersonaAgent;
  /** the agents' client: estimates price its spec, rows record its sampling */
  client: ModelClient;
  prices?: PriceTable;
}

/** "<phase>/<persona id>/<item>" */
export function measureKey(phase: MeasurePhase, personaId: string, item: string): string {
  return `${phase}/${personaId}/${item}`;
}

export function measureTasks(options: MeasureTasksOptions): KeyedTask<MeasureRow>[] {
  const { spec, plan, phase } = options;
  const byId = new Map(options.personas.map((p) => [p.id, p]));
  const names = new Map<string, string>();
  for (const g of plan.groups) for (const [id, label] of speakerLabels(g.members.flatMap((m) => byId.get(m) ?? []))) names.set(id, label);
  const turnsOf = new Map<string, TurnRecord[]>();
  for (const t of options.turns ?? []) turnsOf.set(t.group, [...(turnsOf.get(t.group) ?? []), t]);
  for (const list of turnsOf.values()) list.sort((a, b) => a.round - b.round || a.turn - b.turn);
  const remember = phase === "post" && spec.postMemory === "transcript";
  const estimateUsd = estimateCostUsd(
    { modelSpec: options.client.spec, inputTokens: spec.profileTokens + (remember ? spec.memoryTokens : 0) + 300, outputTokens: 40 },
    options.prices,
  );

  const tasks: KeyedTask<MeasureRow>[] = [];
  for (const persona of options.personas) {
    const group = plan.groupOf.get(persona.id);
    if (!group) continue;
    const memory = remember
      ? discussionMemoryPreamble({
          topic: spec.topic,
          transcript: transcriptWindow(
            (turnsOf.get(group.id) ?? []).map((t) => ({
              personaId: t.persona_id,
              speaker: names.get(t.persona_id) ?? t.persona_id,
              text: t.text,
            })),
            {
              moderator: POST_MEMORY_OPENING,
              selfId: persona.id,
              maxTurns: Number.MAX_SAFE_INTEGER,
              maxTokens: spec.memoryTokens,
              turnWords: spec.turnWords,
            },
          ),
        })
      : undefined;
    for (const m of options.items) {
      const key = measureKey(phase, persona.id, m.item.id);
      const item = presentItem(m.item, { reverse: options.reversed.has(persona.id) });
      const preamble = [m.preamble, memory].filter((x): x is string => Boolean(x)).join("\n\n");
      tasks.push({
        key,
        estimateUsd,
        run: async (signal) => {
          const res = await options.agentFor(persona).answerItem(item, { key, signal, ...(preamble ? { preamble } : {}) });
          const a = res.answer;
          return {
            run_id: options.runId,
            arm: group.arm,
            group: group.id,
            country: group.country,
            persona_id: persona.id,
            phase,
            instrument: m.instrument,
            item: m.item.id,
            value: a.value,
            status: a.status,
            reason: a.reason,
            raw: a.raw,
            answer_key: a.key,
            reversed: a.reversed,
            ...callMetadata(
              res.call,
              options.client.sampling,
              memory ? { promptVersion: `${res.call.promptVersion}+${DISCUSSION_MEMORY_PROMPT_VERSION}` } : {},
            ),
          };
        },
      });
    }
  }
  return tasks;
}
