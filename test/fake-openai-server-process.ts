// the fake OpenAI-compatible server as its own process, for benchmarks that must not share the
// client's event loop: prints its url on stdout, runs until SIGTERM/SIGINT.
//   node --import tsx test/fake-openai-server-process.ts [--latency MS]
import { startFakeOpenAIServer } from "./fake-openai-server.js";

const i = process.argv.indexOf("--latency");
const latencyMs = i > 0 ? Number(process.argv[i + 1]) : 0;
const srv = await startFakeOpenAIServer({ latencyMs });
process.stdout.write(`${srv.url}\n`);
const stop = () => void srv.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
