// a server for the tests of a file or a describe: started in beforeAll, closed in afterAll, and usable
// as a value at once: `const srv = suiteServer(() => startFakeOpenAIServer())`, then `srv.url` in a test.
import { afterAll, beforeAll } from "vitest";

export function suiteServer<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => started?.close());
  // the servers' methods are closures (no `this`), so handing out the started server's fields is enough
  return new Proxy({} as T, {
    get(_target, key) {
      if (!started) throw new Error("the server starts in beforeAll");
      return Reflect.get(started, key);
    },
  });
}
