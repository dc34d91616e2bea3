// parse a jsonl buffer line by line, tolerating damage:
// - trailing damage (a last line without "\n", or trailing lines that are not valid records) is
//   what a crash mid-append leaves: it is reported with action "truncated" and `validLength`
//   stops before it, so the caller can cut the file there and keep appending cleanly;
// - a bad line in the middle is reported with action "ignored" (files are never rewritten);
// - in keyed files a repeated key is ignored: the first record wins.
export type RecoveryReason = "torn-tail" | "invalid-json" | "missing-key" | "duplicate-key";

export interface RecoveredLine {
  file: string;
  /** 1-based line number */
  line: number;
  /** byte offset where the line starts */
  offset: number;
  reason: RecoveryReason;
  action: "truncated" | "ignored";
}

export type JsonRecord = Record<string, unknown>;

export interface JsonlScan {
  records: JsonRecord[];
  keys: Set<string>;
  /** bytes to keep: everything after this is trailing damage */
  validLength: number;
  recovered: RecoveredLine[];
}

interface Line {
  offset: number;
  line: number;
  record?: JsonRecord;
  problem?: RecoveryReason;
}

const NEWLINE = 0x0a;

export function scanJsonl(buffer: Buffer, options: { file: string; keyed: boolean }): JsonlScan {
  const lines: Line[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < buffer.length) {
    const end = buffer.indexOf(NEWLINE, offset);
    lineNo++;
    if (end === -1) {
      lines.push({ offset, line: lineNo, problem: "torn-tail" });
      break;
    }
    const text = buffer.toString("utf8", offset, end);
    if (text.trim() !== "") lines.push({ offset, line: lineNo, ...parseLine(text, options.keyed) });
    offset = end + 1;
  }

  // walk back over trailing damage: it gets truncated
  let validLength = buffer.length;
  let cut = lines.length;
  while (cut > 0 && lines[cut - 1]?.problem !== undefined) {
    cut--;
    validLength = lines[cut]?.offset ?? 0;
  }

  const records: JsonRecord[] = [];
  const keys = new Set<string>();
  const recovered: RecoveredLine[] = [];
  lines.forEach((entry, index) => {
    const base = { file: options.file, line: entry.line, offset: entry.offset };
    if (entry.problem) {
      recovered.push({ ...base, reason: entry.problem, action: index >= cut ? "truncated" : "ignored" });
      return;
    }
    const record = entry.record as JsonRecord;
    if (options.keyed) {
      const key = record.key as string;
      if (keys.has(key)) {
        recovered.push({ ...base, reason: "duplicate-key", action: "ignored" });
        return;
      }
      keys.add(key);
    }
    records.push(record);
  });
  return { records, keys, validLength, recovered };
}

function parseLine(text: string, keyed: boolean): { record?: JsonRecord; problem?: RecoveryReason } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "invalid-json" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "invalid-json" };
  const record = value as JsonRecord;
  if (keyed && (typeof record.key !== "string" || record.key === "")) return { problem: "missing-key" };
  return { record };
}
