import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDirectory, probeDirectory } from "./make-directory.js";

const root = mkdtempSync(join(tmpdir(), "dp-mkdir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("makeDirectory", () => {
  it("creates every missing level, and is a no-op on an existing directory", () => {
    const deep = join(root, "a", "b", "c");
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeDirectory(deep)).not.toThrow();
  });

  it("a file in the way is ENOTDIR, a file at the path EEXIST (as mkdirSync recursive)", () => {
    writeFileSync(join(root, "file"), "x");
    expect(() => makeDirectory(join(root, "file", "sub"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    expect(() => makeDirectory(join(root, "file"))).toThrow(expect.objectContaining({ code: "EEXIST" }));
  });

  it.skipIf(process.platform !== "linux")("a parent that refuses the child with ENOENT (procfs) throws at once", () => {
    expect(() => makeDirectory("/proc/deeppersona-test/x")).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});

describe("probeDirectory", () => {
  it("throws what makeDirectory would and leaves nothing behind", () => {
    const deep = join(root, "probe", "x", "y");
    expect(() => probeDirectory(deep)).not.toThrow();
    expect(existsSync(join(root, "probe"))).toBe(false);
    writeFileSync(join(root, "probe-file"), "x");
    expect(() => probeDirectory(join(root, "probe-file", "sub"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    if (process.platform === "linux")
      expect(() => probeDirectory("/proc/deeppersona-test/x")).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});
