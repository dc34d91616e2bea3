// the file-system and JSON errors that used to surface as "unexpected error" exit 1 are typed
// one-line errors: bad paths exit 2 (E_FILE_ACCESS), a full or failing disk exits 3 (E_STORAGE),
// invalid JSON exits 2 (E_INVALID_FILE); anything else stays unexpected (a bug to report).
import { describe, expect, it } from "vitest";
import { describeSystemError } from "./describe-system-error.js";

const errno = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

describe("describeSystemError", () => {
  it.each([
    ["ENOENT", "open", 2, "E_FILE_ACCESS", "cannot open '/x/y': no such file or folder; check the path (ENOENT)"],
    [
      "EACCES",
      "open",
      2,
      "E_FILE_ACCESS",
      "cannot open '/x/y': permission denied; check the file's permissions or choose another path (EACCES)",
    ],
    [
      "EPERM",
      "unlink",
      2,
      "E_FILE_ACCESS",
      "cannot delete '/x/y': operation not permitted; check the file's permissions or choose another path (EPERM)",
    ],
    ["EISDIR", "read", 2, "E_FILE_ACCESS", "cannot read '/x/y': it is a folder; give a file path (EISDIR)"],
    [
      "ENOTDIR",
      "mkdir",
      2,
      "E_FILE_ACCESS",
      "cannot create folder '/x/y': a part of the path is a file, not a folder; check the path (ENOTDIR)",
    ],
    ["EEXIST", "mkdir", 2, "E_FILE_ACCESS", "cannot create folder '/x/y': it already exists; choose another path or remove it (EEXIST)"],
    ["ENAMETOOLONG", "open", 2, "E_FILE_ACCESS", "cannot open '/x/y': the path is too long; choose a shorter one (ENAMETOOLONG)"],
    [
      "EMFILE",
      "open",
      2,
      "E_FILE_ACCESS",
      "cannot open '/x/y': too many open files; lower --concurrency or raise the open-file limit (ulimit -n) (EMFILE)",
    ],
    [
      "ENOSPC",
      "write",
      3,
      "E_STORAGE",
      "cannot write '/x/y': the disk is full (ENOSPC); free space or fix the disk, then continue with --resume",
    ],
    [
      "EIO",
      "write",
      3,
      "E_STORAGE",
      "cannot write '/x/y': an I/O error (failing disk or network file system) (EIO); free space or fix the disk, then continue with --resume",
    ],
    [
      "EROFS",
      "open",
      3,
      "E_STORAGE",
      "cannot write '/x/y': the file system is read-only (EROFS); free space or fix the disk, then continue with --resume",
    ],
  ])("%s (%s) → exit %i %s", (code, syscall, exitCode, errorCode, message) => {
    const typed = describeSystemError(errno(code, syscall, "/x/y"));
    expect(typed).toMatchObject({ exitCode, code: errorCode, message });
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
