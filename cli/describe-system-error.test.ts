// the file-system and JSON errors that used to surface as "unexpected error" exit 1 are typed
// one-line errors: bad paths exit 2 (E_FILE_ACCESS), a full or failing disk exits 3 (E_STORAGE),
// invalid JSON exits 2 (E_INVALID_FILE); anything else stays unexpected (a bug to report).
import { describe, expect, it } from "vitest";
import { describeSystemError } from "./describe-system-error.js";

const errno = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

describe("describeSystemError", () => {
  // bad paths: exit 2, E_FILE_ACCESS
  it.each([
    ["ENOENT", "open", "cannot open '/x/y': no such file or folder; check the path (ENOENT)"],
    ["EACCES", "open", "cannot open '/x/y': permission denied; check the file's permissions or choose another path (EACCES)"],
    ["EPERM", "unlink", "cannot delete '/x/y': operation not permitted; check the file's permissions or choose another path (EPERM)"],
    ["EISDIR", "read", "cannot read '/x/y': it is a folder; give a file path (EISDIR)"],
    ["ENOTDIR", "mkdir", "cannot create folder '/x/y': a part of the path is a file, not a folder; check the path (ENOTDIR)"],
    ["EEXIST", "mkdir", "cannot create folder '/x/y': it already exists; choose another path or remove it (EEXIST)"],
    ["ENAMETOOLONG", "open", "cannot open '/x/y': the path is too long; choose a shorter one (ENAMETOOLONG)"],
    ["EMFILE", "open", "cannot open '/x/y': too many open files; lower --concurrency or raise the open-file limit (ulimit -n) (EMFILE)"],
  ])("%s (%s) → exit 2 E_FILE_ACCESS", (code, syscall, message) => {
    expect(describeSystemError(errno(code, syscall, "/x/y"))).toMatchObject({ exitCode: 2, code: "E_FILE_ACCESS", message });
  });

  // a full or failing disk: exit 3, E_STORAGE, resumable
  it.each([
    ["ENOSPC", "write", "cannot write '/x/y': the disk is full (ENOSPC)"],
    ["EIO", "write", "cannot write '/x/y': an I/O error (failing disk or network file system) (EIO)"],
    ["EROFS", "open", "cannot write '/x/y': the file system is read-only (EROFS)"],
  ])("%s (%s) → exit 3 E_STORAGE", (code, syscall, message) => {
    expect(describeSystemError(errno(code, syscall, "/x/y"))).toMatchObject({
      exitCode: 3,
      code: "E_STORAGE",
      message: `${message}; free space or fix the disk, then continue with --resume`,
    });
  });

  it("invalid JSON is bad input; other errors stay unexpected", () => {
    let syntax: unknown;
    try {
      JSON.parse("{ nope");
    } catch (err) {
      syntax = err;
    }
    expect(describeSystemError(syntax)).toMatchObject({ exitCode: 2, code: "E_INVALID_FILE" });
    expect(describeSystemError(new TypeError("x is undefined"))).toBeUndefined();
  });
});
