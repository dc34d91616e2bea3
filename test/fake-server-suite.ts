// the setup of an end-to-end suite against the fake OpenAI-compatible server: a temp root, a
// personas.jsonl of small test personas, the server started once, reset (settings and request
// log) before every test, and everything closed and removed at the end.
import { join } from "node:path";
import { beforeAll, beforeEach } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { writeTestPersonas } from "./survey-cli.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";

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
  const root = tempDir(prefix);
  const personas = join(root, "personas.jsonl");
  const srv = suiteServer(() => startFakeOpenAIServer());
  beforeAll(() => void writeTestPersonas(personas, countries, perCountry));
  beforeEach(() => {
    srv.reset();
    srv.requests.length = 0;
  });
  return { root, personas, srv };
}
