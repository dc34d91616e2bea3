// ms per offline turn: a persona agent's speak called directly vs the same turns through the
// conversation engine (the LangGraph StateGraph: policy → speak → commit, checkpointed), run to
// the end in one invoke and stepped turn by turn as the scenarios do.
//   npx tsx scripts/conversation-turn-cost.ts [conversations=40] [turns=12]
import { createConversationEngine } from "../agents/conversation/create-conversation-engine.js";
import { personaParticipant } from "../agents/conversation/persona-participant.js";
import type { Conversation, TurnPolicy } from "../agents/conversation/turn-policy.js";
import { createPersonaAgent } from "../agents/create-persona-agent.js";
import { createModelClient } from "../core/model/model-client.js";

const conversations = Number(process.argv[2] ?? 40);
const turns = Number(process.argv[3] ?? 12);
const client = await createModelClient({ spec: "offline", seed: 1 });
const agents = ["a", "b", "c"].map((id) => createPersonaAgent({ profile: `You are ${id}, 40, from Nairobi.`, client }));
const policy: TurnPolicy = {
  next: (v) =>
    v.transcript.length >= turns
      ? { kind: "stop" }
      : { kind: "speak", key: `t${v.transcript.length + 1}`, speaker: String(v.transcript.length % 3), round: 1 },
  hear: (v) => ({ text: `Discuss bikes. So far:\n${v.transcript.map((t) => t.text).join("\n")}`, memory: [] }),
};
const conversation = (id: string): Conversation => ({ id, policy, participant: (who) => personaParticipant(agents[Number(who)]!) });

// wall time and CPU time (user + system: far less sensitive to other processes on a busy machine)
async function time(label: string, fn: (i: number) => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < conversations; i++) await fn(i);
  const used = process.cpuUsage(cpu0);
  const n = conversations * turns;
  const out = { wall: (performance.now() - started) / n, cpu: (used.user + used.system) / 1000 / n };
  console.log(`${label.padEnd(36)} ${out.wall.toFixed(2)} ms wall, ${out.cpu.toFixed(2)} ms CPU per turn`);
  return out;
}

// warm-up (module loading, JIT)
await createConversationEngine().run(conversation("warm"));
const direct = await time("direct speak", async (i) => {
  const said: string[] = [];
  for (let t = 0; t < turns; t++)
    said.push((await agents[t % 3]!.speak(`Discuss bikes. So far:\n${said.join("\n")}`, { key: `d${i}/t${t + 1}` })).text);
});
const engine = createConversationEngine();
const run = await time("engine, one invoke per conversation", (i) => engine.run(conversation(`r${i}`)).then(() => undefined));
const stepped = await time("engine, stepped turn by turn", async (i) => {
  const c = conversation(`s${i}`);
  await Promise.all(Array.from({ length: turns }, (_, t) => engine.turn(c, `t${t + 1}`)));
});
console.log(
  `graph overhead per turn (CPU): ${(run.cpu - direct.cpu).toFixed(2)} ms (one invoke), ${(stepped.cpu - direct.cpu).toFixed(2)} ms (stepped)`,
);
