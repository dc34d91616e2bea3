// `deeppersona evaluate personas --judge openai:…@URL` against the fake OpenAI-compatible server: the
// judge is called for both rubric orderings and the recovery list of every persona, the profiles are
// embedded on the same server, and evaluation.json holds every metric with its CI, not labelled
// synthetic; the judge's scores (scripted per ordering) are what the file averages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { completionObject, type ChatBody } from "./fake-openai-completion.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli } from "./survey-cli.js";
import { EvaluationFileSchema } from "../scenarios/evaluate/persona-evaluation.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";

const fake = fakeServerSuite("dp-evaluate-fake-", { KEN: "Kenya", DEU: "Germany" }, 3);
const CHAT = "/v1/chat/completions";

/** rubric: 4 when the self-description comes first, 2 otherwise; recovery: the first two candidates */
function judgeReply(body: ChatBody): unknown {
  const human = String((body.messages ?? []).find((m) => m.role === "user")?.content ?? "");
  if (human.includes("Candidate attribute paths:")) {
    const paths = [...human.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1] as string);
    return { recoverable: paths.slice(0, 2) };
  }
  return { score: human.startsWith("Self-description:") ? 4 : 2, reason: "scripted" };
}

describe("evaluate personas against the fake server", () => {
  it("judges every persona in two orderings, embeds the profiles and writes evaluation.json with CIs", async () => {
    fake.srv.set({
      handler: (req, i) => {
        if (req.path !== CHAT) return undefined;
        const body = req.body as ChatBody;
        if (!body.response_format) return undefined;
        return {
          json: completionObject(
            body,
            {
              content: JSON.stringify(judgeReply(body)),
              finishReason: "stop",
              usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
            },
            `judge-${i}`,
          ),
        };
      },
    });
    const out = join(fake.root, "eval");
    const r = await cli(
      argv`evaluate personas ${fake.personas} --judge openai:fake-judge@${fake.srv.url}
        --embeddings openai:fake-embed@${fake.srv.url} --out ${out}`,
      { cwd: fake.root },
    );
    expect(r.code, r.stderr).toBe(0);
    const chats = fake.srv.requests.filter((q) => q.path === CHAT);
    expect(chats).toHaveLength(6 * 5); // 6 personas × (2 rubrics × 2 orderings + recovery)
    expect(fake.srv.requests.some((q) => q.path.endsWith("/embeddings"))).toBe(true);
    const f = EvaluationFileSchema.parse(readJson(out, "evaluation.json"));
    expect(f.synthetic).toBe(false);
    expect(f.judge).toBe(`openai:fake-judge@${fake.srv.url}`);
    expect(f.personas).toBe(6);
    for (const e of [f.uniqueness, f.actionability, f.recovery, f.diversity.embedding_distance]) {
      expect(e.ci).not.toBeNull();
      expect(e.ci![0]).toBeLessThanOrEqual(e.mean);
      expect(e.ci![1]).toBeGreaterThanOrEqual(e.mean);
    }
    // two orderings averaged: (4 + 2) / 2 for every persona
    expect(f.per_persona.every((p) => p.uniqueness === 3 && p.actionability === 3)).toBe(true);
    expect(f.uniqueness.mean).toBe(3);
    expect(f.recovery.mean).toBeGreaterThan(0);
    expect(readFileSync(join(out, "evaluation.md"), "utf8")).not.toMatch(/synthetic placeholder output/);
  }, 120_000);
});
