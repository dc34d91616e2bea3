// a record table: one keyed, append-only jsonl file of a run store with its zod schema — validated
// on append (a record that does not match, or whose key is not its keyOf, is a bug: it throws and
// nothing is written), typed on read.
//   const RESPONSES = table("responses.jsonl", ResponseRecordSchema, (r) => `${r.arm}/${r.persona_id}/${r.item}/${r.sample}`);
//   await RESPONSES.append(store, row); const rows = await RESPONSES.read(store);
import type { z } from "zod";
import type { KeyedRecord, RunStore } from "./run-store.js";

export interface RecordTable<T extends KeyedRecord> {
  readonly file: string;
  readonly schema: z.ZodType<T>;
  /** the record's idempotency key, from its fields */
  keyOf(record: Omit<T, "key">): string;
  /** the keyed record `{key, ...row}`, validated (throws naming the table and the first issue) */
  check(key: string, row: Omit<T, "key">): T & KeyedRecord;
  /** validates and appends (the record as given, so field order is the writer's); false when its key exists */
  append(store: RunStore, row: Omit<T, "key">): Promise<boolean>;
  /** the records in write order, first key wins, parsed */
  read(store: RunStore): Promise<T[]>;
  count(store: RunStore): number;
}

export function table<T extends KeyedRecord>(
  file: string,
  schema: z.ZodType<T>,
  keyOf: (record: Omit<T, "key">) => string,
): RecordTable<T> {
  const check = (key: string, row: Omit<T, "key">): T & KeyedRecord => {
    const record = { key, ...row } as unknown as T & KeyedRecord;
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${file}: record '${key}' does not match its schema (${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"})`,
      );
    }
    const expected = keyOf(row);
    if (expected !== key) throw new Error(`${file}: record key '${key}' is not its fields' key '${expected}'`);
    return record;
  };
  return {
    file,
    schema,
    keyOf,
    check,
    append: async (store, row) => store.append(file, check(keyOf(row), row)),
    read: (store) => store.read(file, schema),
    count: (store) => store.count(file),
  };
}
