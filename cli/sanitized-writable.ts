// a stdout for text that may carry model or server words (a run's summary and reason): every
// write goes through sanitizeForTerminal (escape sequences and control bytes removed, URL
// credentials redacted; newlines kept), synchronously, to the same stream (isTTY, columns… are
// the target's). not for streams that draw progress with escape codes.
import type { Writable } from "node:stream";
import { sanitizeForTerminal } from "../core/sanitize/sanitize-for-terminal.js";

export function sanitizedWritable(target: Writable): Writable {
  const proxy = Object.create(target) as Writable;
  proxy.write = ((chunk: unknown, ...rest: unknown[]) =>
    (target.write as (...args: unknown[]) => boolean)(sanitizeForTerminal(String(chunk)), ...rest)) as Writable["write"];
  return proxy;
}
