// a fake server's record of one request (fake-openai-server.ts, fake-provider-server.ts): method,
// path without the query, the body (parsed JSON, else the raw text), headers, arrival time; and the raw body.
import type { IncomingMessage } from "node:http";
import type { RecordedRequest } from "./fake-openai-server.js";

export async function recordRequest(req: IncomingMessage): Promise<{ rec: RecordedRequest; raw: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  let body: unknown = raw;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    // keep the raw text
  }
  const path = (req.url ?? "/").split("?")[0] as string;
  return { raw, rec: { method: req.method ?? "GET", path, body, headers: req.headers, time: Date.now() } };
}
