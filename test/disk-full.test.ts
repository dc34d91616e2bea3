// defect 10 of issue 14: a full disk (ENOSPC) or an I/O error (EIO) mid-run stops the run cleanly:
// exit 3 (not "unexpected error" exit 1), the manifest says "incomplete" with the reason (not
// "running"), no stray temp file, the progress and the counts claim only what was saved, and
// --resume (once there is room again) completes with no record lost or duplicated.
// the disk is simulated by wrapping node:fs/promises `open`: once `failAfter` response lines are
// written, every write into the run directory fails — except rewriting a file in place ("r+"),
// which needs no new blocks (how the store still marks its manifest).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

// end-to-end runs on a shared, loaded machine: generous per-test time (no timing is asserted)
vi.setConfig({ testTimeout: 120_000 });

const disk = vi.hoisted(() => ({ dir: "", failAfter: Infinity, written: 0, full: false, code: "ENOSPC" }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const fail = (path: string) =>
    Object.assign(new Error(`${disk.code}: simulated, write '${path}'`), { code: disk.code, syscall: "write", path });
  const open = async (path: string, flags?: string, mode?: number) => {
    const handle = await fs.open(path, flags, mode);
    const watched = disk.dir !== "" && String(path).startsWith(disk.dir) && flags !== "r" && flags !== "r+";
    if (!watched) return handle;
    const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
    const writeFile = handle.writeFile.bind(handle);
    return Object.assign(Object.create(handle) as typeof handle, {
      write: async (...args: unknown[]) => {
        if (disk.full) throw fail(String(path));
        if (String(path).endsWith("responses.jsonl") && ++disk.written > disk.failAfter) {
          disk.full = true;
          throw fail(String(path));
        }
        return write(...args);
      },
      writeFile: async (...args: Parameters<typeof writeFile>) => {
        if (disk.full) throw fail(String(path));
        return writeFile(...args);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    });
  };
  return { ...fs, open, default: { ...fs, open } };
});

const root = tempDir("dp-disk-full-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya" }, 3);
beforeEach(() => Object.assign(disk, { dir: "", failAfter: Infinity, written: 0, full: false }));

const args = (out: string) => argv`survey run --instrument wvs --personas ${personas} --items Q45,Q46,Q57 --concurrency 2
  --out ${out}`;
const recordLines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);

describe.each(["ENOSPC", "EIO"])("%s mid-run", (code) => {
  it("stops cleanly: exit 3, manifest incomplete with the reason, no temp file, counts = what was saved; --resume completes", async () => {
    const out = join(root, `run-${code}`);
    Object.assign(disk, { dir: out, failAfter: 4, code });
    const r = await cli(args(out));
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).not.toContain("unexpected error");
    const manifest = readJson(out, "manifest.json") as {
      status: string;
      reason: string;
      counts: Record<string, number>;
    };
    expect(manifest.status).toBe("incomplete");
    expect(manifest.reason).toContain(code);
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const saved = recordLines(join(out, "responses.jsonl"));
    expect(saved).toHaveLength(4);
    expect(manifest.counts["responses.jsonl"]).toBe(4);
    // progress never claims a response that was not saved
    const claimed = [...r.stderr.matchAll(/responses (\d+)\/9/g)].map((m) => Number(m[1]));
    expect(Math.max(0, ...claimed)).toBeLessThanOrEqual(4);
    expect(r.stderr).toContain(`survey run: incomplete — `);

    // room again: resume completes with every record exactly once
    Object.assign(disk, { dir: "", full: false });
    const resumed = await cli([...args(out), "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const keys = recordLines(join(out, "responses.jsonl")).map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys).toHaveLength(9);
    expect(new Set(keys).size).toBe(9);
  });
});
