// the exclusive writer lock of a run directory: DIR/run.lock holds {pid, host, started_at,
// command} of the process writing the run. it is created atomically (written to a temp file, then
// hard-linked to run.lock, which fails when the lock exists), so a lock file is never half
// written and exactly one of two racing writers wins. a second writer gets a UsageError (exit 2)
// naming the holder. a lock is stale when its host is this host and its pid is gone (a crashed
// or SIGKILLed writer), or when it names this very process but this process no longer holds it;
// a stale lock is taken over. a lock from another host is never presumed stale (shared disks):
// the message says how to remove it. released on finish/close and, as a last resort, on exit.
import { readFileSync, unlinkSync } from "node:fs";
import { link, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { ERROR_CODES, UsageError } from "../errors.js";

export const LOCK_FILE = "run.lock";

export const runLockInfoSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  started_at: z.string(),
  command: z.string(),
});
export type RunLockInfo = z.infer<typeof runLockInfoSchema>;

export interface RunLock {
  readonly path: string;
  readonly info: RunLockInfo;
  /** remove the lock (idempotent; leaves a lock that is no longer ours alone) */
  release(): Promise<void>;
}

/** lock paths this process holds */
const held = new Set<string>();
let exitHookInstalled = false;

/** the lock's holder, or undefined when there is no (readable) lock */
export function readRunLock(dir: string): RunLockInfo | undefined {
  return readLockFile(join(dir, LOCK_FILE));
}

function readLockFile(path: string): RunLockInfo | undefined {
  try {
    return runLockInfoSchema.safeParse(JSON.parse(readFileSync(path, "utf8"))).data;
  } catch {
    return undefined;
  }
}

/** whether the lock's writer may still be running: true unless it is provably gone (same host, dead pid) */
export function runLockAlive(info: RunLockInfo, path?: string): boolean {
  if (info.host !== hostname()) return true;
  if (info.pid === process.pid) return path === undefined ? true : held.has(path);
  return pidAlive(info.pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function describeRunLock(info: RunLockInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.command}, since ${info.started_at})`;
}

function lockedError(shown: string, info: RunLockInfo): UsageError {
  const remote = info.host !== hostname();
  return new UsageError(
    `run directory '${shown}' is in use by ${describeRunLock(info)}; wait for it to finish${remote ? `, or if that process is gone delete '${join(shown, LOCK_FILE)}'` : " or stop it"}, or choose another --out`,
    { code: ERROR_CODES.runLocked, details: { holder: info } },
  );
}

/** a UsageError naming the holder when a live writer holds DIR/run.lock (nothing is written) */
export function assertRunUnlocked(dir: string, shown: string): void {
  const holder = readRunLock(dir);
  if (holder && runLockAlive(holder, join(dir, LOCK_FILE))) throw lockedError(shown, holder);
}

/** whether `name` is run.lock or one of its temp files */
export function isLockFile(name: string): boolean {
  return name === LOCK_FILE || name.startsWith(`${LOCK_FILE}.`);
}

/** take DIR/run.lock (DIR must exist); a UsageError naming the holder when a live writer has it */
export async function acquireRunLock(dir: string, shown: string, o: { command: string; clock: () => number }): Promise<RunLock> {
  const path = join(dir, LOCK_FILE);
  const info: RunLockInfo = { pid: process.pid, host: hostname(), started_at: new Date(o.clock()).toISOString(), command: o.command };
  const temp = `${path}.new-${process.pid}-${held.size}`;
  await writeFile(temp, `${JSON.stringify(info)}\n`, "utf8");
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await createLockFile(temp, path, info);
        held.add(path);
        installExitHook();
        return { path, info, release: () => releaseRunLock(path, info) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = readRunLock(dir);
      if (holder && runLockAlive(holder, path)) throw lockedError(shown, holder);
      if (!holder && !linkable) {
        // without hard links the lock is written after it is created: an unreadable one may be a racing writer's
        throw new UsageError(
          `run directory '${shown}' has an unreadable ${LOCK_FILE}; if no other process is writing this run, delete '${join(shown, LOCK_FILE)}'`,
          { code: ERROR_CODES.runLocked },
        );
      }
      // stale (or unreadable): move it aside under a unique name and check it is still the stale one
      const aside = `${path}.stale-${process.pid}`;
      try {
        await rename(path, aside);
      } catch {
        continue;
      }
      const moved = readLockFile(aside);
      if (moved && runLockAlive(moved, path) && JSON.stringify(moved) !== JSON.stringify(holder)) {
        // a live writer took it over in between: put its lock back and give up
        await link(aside, path).catch(() => undefined);
        await rm(aside, { force: true });
        throw lockedError(shown, moved);
      }
      await rm(aside, { force: true });
    }
    const holder = readRunLock(dir);
    throw lockedError(shown, holder ?? { ...info, pid: -1, command: "unknown" });
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** false once the file system refused a hard link (some network and FAT file systems) */
let linkable = true;

/** run.lock from the complete temp file by a hard link (atomic, fails with EEXIST); without hard links, an exclusive create */
async function createLockFile(temp: string, path: string, info: RunLockInfo): Promise<void> {
  if (linkable) {
    try {
      await link(temp, path);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS" && code !== "EXDEV") throw err;
      linkable = false;
    }
  }
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`, "utf8");
  } finally {
    await handle.close();
  }
}

async function releaseRunLock(path: string, info: RunLockInfo): Promise<void> {
  if (!held.delete(path)) return;
  try {
    const current = JSON.parse(await readFile(path, "utf8")) as Partial<RunLockInfo>;
    if (current.pid !== info.pid || current.started_at !== info.started_at) return;
  } catch {
    return;
  }
  await rm(path, { force: true }).catch(() => undefined);
}

/** locks still held when the process exits (a second ctrl-c, process.exit) are removed */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const path of held) {
      try {
        const current = JSON.parse(readFileSync(path, "utf8")) as Partial<RunLockInfo>;
        if (current.pid === process.pid) unlinkSync(path);
      } catch {
        // already gone
      }
    }
    held.clear();
  });
}
