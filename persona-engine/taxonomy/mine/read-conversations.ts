// reads a conversations file (one JSON object per line, README.md). any bad line is a UsageError
// naming file:line (exit 2) thrown before anything is written. lines without an id get a content
// hash as id, so the same conversation keeps its key when lines move; repeated conversations
// (same id and content) are read once and counted as duplicates.
import { createHash } from "node:crypto";
import { UsageError } from "../../../core/errors.js";
import { readUtf8File } from "../../../core/input/read-utf8-file.js";
import { ConversationLineSchema, type Conversation } from "./conversation-schema.js";

export interface ReadConversationsResult {
  conversations: Conversation[];
  /** lines repeating an earlier conversation */
  duplicates: number;
  /** lines read (blank lines not counted) */
  lines: number;
  /** invalid lines skipped with `skipInvalid` (--skip-invalid), with why */
  skipped: { line: number; reason: string }[];
}

export function conversationHashId(messages: Conversation["messages"]): string {
  return `c-${createHash("sha256")
    .update(JSON.stringify(messages.map((m) => [m.role, m.content])))
    .digest("hex")
    .slice(0, 16)}`;
}

export function readConversations(file: string, shownAs = file, options: { skipInvalid?: boolean } = {}): ReadConversationsResult {
  // unreadable or invalid UTF-8 → UsageError naming the file (and line)
  const text = readUtf8File(file, shownAs, "conversations file");
  const conversations: Conversation[] = [];
  const byId = new Map<string, { line: number; content: string }>();
  let duplicates = 0;
  let lines = 0;
  const skipped: ReadConversationsResult["skipped"] = [];
  // with --skip-invalid a bad line is skipped and counted; a different conversation under a used id stays an error
  const invalid = (line: number, message: string, reason: string): void => {
    if (!options.skipInvalid) throw new UsageError(message);
    skipped.push({ line, reason });
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    lines++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      return invalid(
        line,
        `${shownAs}:${line}: invalid JSON (${(err as Error).message}); each line must be one object {"id"?, "messages": [{"role", "content"}]} (or pass --skip-invalid)`,
        "invalid JSON",
      );
    }
    const parsed = ConversationLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
      return invalid(
        line,
        `${shownAs}:${line}: ${issue?.message ?? "invalid conversation"}${where}; expected {"id"?: string, "messages": [{"role": "user"|"assistant"|"system", "content": string}]}`,
        `${issue?.message ?? "invalid conversation"}${where}`,
      );
    }
    const { messages } = parsed.data;
    if (!messages.some((m) => m.role === "user" && m.content.trim())) {
      return invalid(
        line,
        `${shownAs}:${line}: the conversation has no user message; each line needs at least one non-empty {"role": "user"} message`,
        "no user message",
      );
    }
    const id = parsed.data.id ?? conversationHashId(messages);
    const content = JSON.stringify(messages);
    const seen = byId.get(id);
    if (seen) {
      if (seen.content !== content)
        throw new UsageError(
          `${shownAs}:${line}: id '${id}' is already used on line ${seen.line} for a different conversation; ids must be unique`,
        );
      duplicates++;
      return;
    }
    byId.set(id, { line, content });
    conversations.push({ id, line, messages });
  });
  if (conversations.length === 0)
    throw new UsageError(`conversations file '${shownAs}' holds no conversations; write one JSON object per line`);
  return { conversations, duplicates, lines, skipped };
}
