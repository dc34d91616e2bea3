// open a run directory for writing. every mode first takes the directory's exclusive run.lock
// (run-lock.ts): a second writer on the same directory exits 2 naming the holder.
//   mode "create": the directory must be missing or empty (else UsageError, exit 2);
//   mode "force":  an existing run directory is emptied first — only when its manifest.json is a
//                  deeppersona run manifest of the same command and every entry is a file the
//                  run store owns (run-files.ts); anything else is refused naming it (exit 2);
//   mode "resume": the directory must hold a manifest whose command, seed, config (minus
//                  `mutableConfigKeys`), models and data versions match; existing *.jsonl files
//                  are scanned, trailing crash damage is truncated and reported in `recovered`
//                  and as "recovered" events.
// the manifest is (re)written with status "running" and a "run-start" event is emitted. model
// specs are stored with URL credentials redacted.
import { lstat, readdir, readFile, rm, rmdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { DeepPersonaError, ERROR_CODES, UsageError } from "../errors.js";
import { packageVersion } from "../package-root.js";
import { redactUrlCredentials } from "../sanitize/redact-url-credentials.js";
import { DirectoryRunStore, type EventFields, type FinishFields } from "./directory-run-store.js";
import { JsonlFile, type FsyncPolicy } from "./jsonl-file.js";
import { makeDirectory, probeDirectory } from "./make-directory.js";
import { runManifestInputSchema, runManifestSchema, type RunManifest, type RunManifestInput } from "./run-manifest.js";
import type { RunEvent } from "./run-event.js";
import { EVENTS_FILE, isRunStoreFile, MANIFEST_FILE } from "./run-files.js";
import { acquireRunLock, assertRunUnlocked, isLockFile, type RunLock } from "./run-lock.js";
import type { RunStore } from "./run-store.js";
import { resumeMismatches } from "./resume-mismatches.js";
import type { RecoveredLine } from "./scan-jsonl.js";
import { rethrowStorage } from "./storage-error.js";
import { ATOMIC_TEMP_SUFFIX, writeJsonAtomic } from "./write-json-atomic.js";

export type RunStoreMode = "create" | "resume" | "force";

/** config keys that may differ when resuming (raise the budget, change the pace), camel and flag spelling */
export const RESUME_MUTABLE_CONFIG_KEYS: readonly string[] = [
  "budgetUsd",
  "budget-usd",
  "concurrency",
  "requestsPerMinute",
  "requests-per-minute",
  "rpm",
  "resume",
  "force",
  "input_skipped",
];

export interface OpenRunStoreOptions {
  dir: string;
  mode: RunStoreMode;
  manifest: RunManifestInput;
  /** epoch ms; used for manifest timestamps and event `ts` */
  clock: () => number;
  /** see jsonl-file.ts; default "finish" */
  fsync?: FsyncPolicy;
  /** default RESUME_MUTABLE_CONFIG_KEYS */
  mutableConfigKeys?: readonly string[];
  /** extra fields merged into an event before it is written (e.g. usage totals); see DirectoryRunStoreState */
  eventFields?: EventFields;
  /** called after every event is written (live dashboards); the run-start and recovered events included */
  onEvent?: (event: RunEvent) => void;
  /** fields added to the manifest at finish (the usage block) */
  finishFields?: FinishFields;
}

export async function openRunStore(options: OpenRunStoreOptions): Promise<RunStore> {
  const parsedInput = runManifestInputSchema.safeParse(toJson(options.manifest));
  if (!parsedInput.success) {
    throw new DeepPersonaError(ERROR_CODES.runStore, `invalid run manifest: ${parsedInput.error.message}`);
  }
  const input = { ...parsedInput.data, models: redactModels(parsedInput.data.models) };
  const shown = options.dir;
  const dir = resolve(options.dir);
  const fsync = options.fsync ?? "finish";
  const now = new Date(options.clock()).toISOString();
  const list = () => listRunDirectory(dir, shown);

  // checked before anything is written, and again once the lock is held (a racing writer)
  const before = await checkRunDirectory({ dir, shown, mode: options.mode, command: input.command });
  const created = before === undefined;
  if (created) {
    try {
      makeDirectory(dir);
    } catch (err) {
      rethrowStorage(err, `run directory '${shown}'`);
    }
  }
  const lock = await acquireRunLock(dir, shown, { command: input.command, clock: options.clock });
  try {
    return await openLocked(options, { input, shown, dir, fsync, now, lock, entries: (await list()) ?? [] });
  } catch (err) {
    await lock.release();
    if (created) await rmdir(dir).catch(() => undefined);
    throw err;
  }
}

/** the entries of a run directory (run.lock excluded), undefined when it does not exist */
async function listRunDirectory(dir: string, shown: string): Promise<string[] | undefined> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    if (err.code === "ENOTDIR")
      throw new UsageError(`--out '${shown}' is a file, not a directory; choose a directory`, { code: ERROR_CODES.fileAccess });
    throw err;
  });
  return entries?.filter((name) => !isLockFile(name));
}

/**
 * whether `dir` can be opened in `mode` for a run of `command` — not locked by a live writer,
 * empty for create, this tool's run of this command for force, existing for resume — checked
 * without writing anything (commands call it before any model work). returns the entries.
 */
export async function checkRunDirectory(o: {
  dir: string;
  shown: string;
  mode: RunStoreMode;
  command: string;
  /** a missing directory must be creatable (made and removed again): the cli's preflight, so a bad
   *  --out is one line before anything is printed; openRunStore itself just makes it */
  probe?: boolean;
}): Promise<string[] | undefined> {
  const dir = resolve(o.dir);
  const entries = await listRunDirectory(dir, o.shown);
  if (o.mode === "resume" && !entries)
    throw new UsageError(`cannot resume: run directory '${o.shown}' does not exist; drop --resume to start a new run`);
  if (entries === undefined) {
    if (o.probe) probeDirectory(dir);
    return undefined;
  }
  assertRunUnlocked(dir, o.shown);
  await checkMode(dir, o.shown, entries, o.mode, o.command);
  if (o.mode === "resume") {
    const previous = await readManifest(dir, o.shown);
    if (previous.command !== o.command)
      throw new UsageError(
        `cannot resume '${o.shown}': it holds a '${previous.command}' run, not a '${o.command}' run; choose another --out`,
      );
  }
  return entries;
}

interface LockedState {
  input: RunManifestInput & { models: Record<string, string> };
  shown: string;
  dir: string;
  fsync: FsyncPolicy;
  now: string;
  lock: RunLock;
  entries: string[];
}

async function openLocked(options: OpenRunStoreOptions, state: LockedState): Promise<RunStore> {
  const { input, shown, dir, fsync, now, lock, entries } = state;
  await checkMode(dir, shown, entries, options.mode, input.command);
  let manifest: RunManifest;
  if (options.mode === "resume") {
    const previous = await readManifest(dir, shown);
    const mismatches = resumeMismatches(
      previous,
      { ...input, data_versions: input.data_versions ?? {} },
      options.mutableConfigKeys ?? RESUME_MUTABLE_CONFIG_KEYS,
    );
    if (mismatches.length > 0) {
      throw new UsageError(
        `cannot resume run '${shown}': settings differ from the original run: ${mismatches.join("; ")}; rerun with the original settings or pass --force to start over`,
        { details: { mismatches } },
      );
    }
    for (const name of entries) if (name.startsWith(MANIFEST_FILE + ATOMIC_TEMP_SUFFIX)) await rm(join(dir, name), { force: true });
    manifest = {
      ...previous,
      config: input.config,
      status: "running",
      reason: null,
      updated_at: now,
      resumed_at: [...previous.resumed_at, now],
    };
  } else {
    // force: checkMode has made sure every entry is a run-store file of a run of this command
    for (const name of entries) await rm(join(dir, name), { force: true });
    manifest = {
      schema_version: 1,
      run_id: input.run_id ?? basename(dir),
      command: input.command,
      config: input.config,
      seed: input.seed,
      models: input.models,
      package_version: packageVersion(),
      data_versions: input.data_versions ?? {},
      ...(input.git_sha === undefined ? {} : { git_sha: input.git_sha }),
      created_at: now,
      updated_at: now,
      resumed_at: [],
      status: "running",
      reason: null,
      counts: {},
    };
  }
  await writeJsonAtomic(join(dir, MANIFEST_FILE), manifest);

  const files = new Map<string, JsonlFile>();
  const recovered: RecoveredLine[] = [];
  let events: JsonlFile | undefined;
  const existing = options.mode === "resume" ? entries.filter((name) => name.endsWith(".jsonl")).sort() : [];
  for (const name of existing) {
    const opened = await JsonlFile.open(join(dir, name), { name, keyed: name !== EVENTS_FILE, fsync });
    recovered.push(...opened.recovered);
    if (name === EVENTS_FILE) events = opened.file;
    else files.set(name, opened.file);
  }
  events ??= JsonlFile.fresh(join(dir, EVENTS_FILE), { name: EVENTS_FILE, keyed: false, fsync });
  const lastSeq = events.lastRecord?.seq;

  const store = new DirectoryRunStore({
    dir,
    manifest,
    resumed: options.mode === "resume",
    recovered,
    files,
    events,
    nextSeq: typeof lastSeq === "number" ? lastSeq + 1 : events.size,
    clock: options.clock,
    fsync,
    lock,
    ...(options.eventFields ? { eventFields: options.eventFields } : {}),
    ...(options.finishFields ? { finishFields: options.finishFields } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  await store.event({ type: "run-start", run_id: manifest.run_id, command: manifest.command, resumed: store.resumed });
  for (const r of recovered) await store.event({ type: "recovered", file: r.file, line: r.line, reason: r.reason, action: r.action });
  return store;
}

/** the directory's entries (run.lock excluded) fit the mode: empty for create, a run of this command made only of run-store files for force */
async function checkMode(dir: string, shown: string, entries: string[], mode: RunStoreMode, command: string): Promise<void> {
  if (mode === "resume" || entries.length === 0) return;
  if (mode === "create") {
    throw new UsageError(`run directory '${shown}' exists; pass --resume to continue it or --force to overwrite`, {
      code: ERROR_CODES.runExists,
    });
  }
  const refuse = (why: string) =>
    new UsageError(`refusing to clear '${shown}' with --force: ${why}; choose another --out`, { code: ERROR_CODES.runExists });
  if (!entries.includes(MANIFEST_FILE)) throw refuse(`it is not a run directory (no ${MANIFEST_FILE})`);
  let previous: RunManifest | undefined;
  try {
    previous = runManifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8"))).data;
  } catch {
    previous = undefined;
  }
  if (!previous) throw refuse(`its ${MANIFEST_FILE} is not a deeppersona run manifest`);
  if (previous.command !== command) throw refuse(`it holds a '${previous.command}' run, not a '${command}' run`);
  for (const name of [...entries].sort()) {
    const stat = await lstat(join(dir, name)).catch(() => undefined);
    if (!stat) continue;
    if (!isRunStoreFile(name) || !stat.isFile()) throw refuse(`'${name}' is not a file this tool wrote (move it away first)`);
  }
}

/** model specs by role with credentials in base URLs redacted */
function redactModels(models: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(models).map(([role, spec]) => [role, redactUrlCredentials(spec)]));
}

async function readManifest(dir: string, shown: string): Promise<RunManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    throw new UsageError(`cannot resume: '${shown}' is not a run directory (no ${MANIFEST_FILE}); drop --resume to start a new run`);
  }
  let parsed: ReturnType<typeof runManifestSchema.safeParse>;
  try {
    parsed = runManifestSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = runManifestSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new UsageError(`cannot resume: '${shown}/${MANIFEST_FILE}' is not a valid run manifest; pass --force to start over`);
  }
  return parsed.data;
}

/** drop undefined values and other non-json so the manifest compares equal after a round trip */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
