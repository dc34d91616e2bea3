// end to end: `survey run --model anthropic:claude-x@<fake Messages API>` on two personas from a
// personas file completes; every answer came through a forced tool call (Anthropic's native
// structured output) and the server's usage is in the rows. also: the env base URL
// (ANTHROPIC_BASE_URL) serves a spec without @URL, with the key from ANTHROPIC_API_KEY.
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropicServer } from "./fake-anthropic-server.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { readRows, TEST_CACHE_DIR } from "./survey-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-anthropic-e2e-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya" }, 2);
const srv = suiteServer(() => startFakeAnthropicServer());
beforeEach(() => {
  srv.reset();
  srv.requests.length = 0;
});

const messages = () => srv.requests.filter((r) => r.method === "POST" && r.path === "/v1/messages");

describe("survey run against the fake Anthropic Messages API", () => {
  it("anthropic:claude-x@<url>: 2 personas, batched, every answer via a forced tool call", async () => {
    const out = join(root, "run");
    const r = await runCliCaptured(
      argv`survey run --personas ${personas} --items Q45,Q46,Q57 --mode batched --model anthropic:claude-x@${srv.url}
        --out ${out}`,
      {
        env: { DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(messages()).toHaveLength(2);
    for (const req of messages()) {
      const body = req.body as {
        model: string;
        tools: { name: string; input_schema: { properties: Record<string, unknown> } }[];
        tool_choice: { type: string; name: string };
      };
      expect(body.model).toBe("claude-x");
      expect(body.tool_choice).toEqual({ type: "tool", name: body.tools[0]!.name });
      expect(Object.keys(body.tools[0]!.input_schema.properties)).toEqual(["Q45", "Q46", "Q57"]);
      expect(req.headers["x-api-key"]).toBe("not-needed");
    }
    const rows = readRows(out);
    expect(rows).toHaveLength(6);
    expect(rows.every((x) => x.status === "ok" && x.model === `anthropic:claude-x@${srv.url}` && x.usage.total_tokens > 0)).toBe(true);
  });

  it("ANTHROPIC_BASE_URL + ANTHROPIC_API_KEY serve anthropic:claude-x (no @url)", async () => {
    const out = join(root, "env");
    const r = await runCliCaptured(
      ["survey", "run", "--personas", personas, "--items", "Q45", "--model", "anthropic:claude-x", "--out", out],
      {
        env: { DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR, ANTHROPIC_BASE_URL: srv.url, ANTHROPIC_API_KEY: "sk-ant-test" },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(messages().length).toBeGreaterThanOrEqual(2);
    expect(messages().every((q) => q.headers["x-api-key"] === "sk-ant-test")).toBe(true);
    expect(readRows(out)).toHaveLength(2);
  });
});
