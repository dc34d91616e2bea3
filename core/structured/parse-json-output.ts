// model text → JSON value: trims, strips ```json fences, and falls back to the outermost {...}
// when the model wrapped the object in prose. throws SyntaxError with a short reason.

export function parseJsonOutput(text: string): unknown {
  let t = text.trim();
  const fenced = /^```[a-zA-Z0-9_-]*\s*\n?([\s\S]*?)\n?```$/.exec(t);
  if (fenced) t = (fenced[1] ?? "").trim();
  if (t.length === 0) throw new SyntaxError("empty output (expected a JSON object)");
  try {
    return JSON.parse(t);
  } catch (err) {
    const first = t.indexOf("{");
    const last = t.lastIndexOf("}");
    if (first > 0 && last > first) {
      try {
        return JSON.parse(t.slice(first, last + 1));
      } catch {
        // fall through to the original error
      }
    }
    throw new SyntaxError(`invalid JSON: ${(err as Error).message}`);
  }
}
