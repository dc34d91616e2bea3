// the setup of an end-to-end suite against the fake OpenAI-compatible server: a temp root, a
// personas.jsonl of small test personas, the server started once, reset (settings and request
// log) before every test, and everything closed and removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { writeTestPersonas } from "./survey-cli.js";

export interface FakeServerSuite {
  /** the suite's temp directory */
  root: string;
  /** root/personas.jsonl */
  personas: string;
  /** the running server (from beforeAll on) */
  readonly srv: FakeOpenAIServer;
}

/** call at the top of a test file: `perCountry` test personas in each of `countries` (ISO3 → name) */
export function fakeServerSuite(prefix: string, countries: Record<string, string>, perCountry: number): FakeServerSuite {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const personas = join(root, "personas.jsonl");
  let started: FakeOpenAIServer | undefined;
  const server = (): FakeOpenAIServer => {
    if (!started) throw new Error("the fake server starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startFakeOpenAIServer();
    writeTestPersonas(personas, countries, perCountry);
  });
  beforeEach(() => {
    server().reset();
    server().requests.length = 0;
  });
  afterAll(async () => {
    await server().close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root,
    personas,
    get srv() {
      return server();
    },
  };
}
