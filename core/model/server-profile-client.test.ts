// the server profile through the model client (h-servers on top of the one ModelClient): a
// grammar server gets string lengths in its json_schema, the profile's max_tokens and, for
// logprob answers, its label-answer grammar; an OpenAI server gets none of these.
import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../../test/fake-openai-server.js";
import { createModelClient } from "./model-client.js";
import { SERVER_PROFILES } from "./server-profile.js";

const messages = [new HumanMessage("answer")];
const Named = z.object({ name: z.string().min(2).max(80) });
let srv: FakeOpenAIServer;

beforeAll(async () => {
  srv = await startFakeOpenAIServer();
});
afterAll(async () => {
  await srv?.close();
});

const posts = () => srv.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => r.body as Record<string, unknown>);

describe("model client with a server profile", () => {
  it("llama.cpp: string lengths sent, default max_tokens, one-character grammar on logprob answers", async () => {
    const before = posts().length;
    const client = await createModelClient({
      spec: `openai:toy@${srv.url}`,
      seed: 1,
      serverProfile: SERVER_PROFILES.llamacpp,
      retry: { maxTransientRetries: 0 },
    });
    expect(client.serverProfile?.kind).toBe("llamacpp");
    await client.structured({ key: "k1", schema: Named, name: "named", messages });
    await client.text({ key: "k2", messages, topLogprobs: 20, maxTokens: 4 });
    const [structured, logprob] = posts().slice(before);
    const schema = JSON.stringify((structured as { response_format?: unknown }).response_format);
    expect(schema).toMatch(/"minLength":2/);
    expect(schema).toMatch(/"maxLength":80/);
    expect(structured?.max_tokens ?? structured?.max_completion_tokens).toBe(2048);
    expect(structured?.grammar).toBeUndefined();
    expect(logprob?.grammar).toBe("root ::= [1-9A-Za-z]");
    expect(logprob?.max_tokens ?? logprob?.max_completion_tokens).toBe(4);
  });

  it("OpenAI (no profile): no string lengths, no grammar", async () => {
    const before = posts().length;
    const client = await createModelClient({ spec: `openai:toy@${srv.url}`, seed: 1, retry: { maxTransientRetries: 0 } });
    await client.structured({ key: "k1", schema: Named, name: "named", messages });
    await client.text({ key: "k2", messages, topLogprobs: 20, maxTokens: 4 });
    const [structured, logprob] = posts().slice(before);
    expect(JSON.stringify(structured?.response_format)).not.toMatch(/minLength/);
    expect(logprob?.grammar).toBeUndefined();
  });
});
