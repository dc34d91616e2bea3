// file-system and JSON errors that reach the cli untyped (a Node errno error from fs, a
// SyntaxError from JSON.parse) become one-line typed errors instead of "unexpected error" exit 1:
// a path the user named that is missing, a folder, not a folder, unreadable, read-only or too
// long is bad input (exit 2, E_FILE_ACCESS); a full or failing disk stops the run (exit 3,
// E_STORAGE); a file that is not valid JSON is bad input (exit 2, E_INVALID_FILE).
import { DeepPersonaError, ERROR_CODES } from "../core/errors.js";
import { storageError } from "../core/store/storage-error.js";

const ACCESS: Record<string, string> = {
  ENOENT: "no such file or folder; check the path",
  EACCES: "permission denied; check the file's permissions or choose another path",
  EPERM: "operation not permitted; check the file's permissions or choose another path",
  EISDIR: "it is a folder; give a file path",
  ENOTDIR: "a part of the path is a file, not a folder; check the path",
  EEXIST: "it already exists; choose another path or remove it",
  ENOTEMPTY: "the folder is not empty; choose another path",
  ENAMETOOLONG: "the path is too long; choose a shorter one",
  ELOOP: "too many symbolic links in the path",
  EMFILE: "too many open files; lower --concurrency or raise the open-file limit (ulimit -n)",
  EBUSY: "the file is busy (locked by another program)",
  EXDEV: "cannot move a file across file systems; keep the output on one disk",
};

const VERB: Record<string, string> = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create folder",
  rename: "rename",
  unlink: "delete",
  rmdir: "delete folder",
  scandir: "list",
  stat: "read",
  lstat: "read",
  link: "link",
  copyfile: "copy",
};

/** the typed one-line error for a system or JSON error, else undefined (a real bug: "unexpected error") */
export function describeSystemError(err: unknown): DeepPersonaError | undefined {
  const storage = storageError(err, describePath(err) ?? "a run file");
  if (storage) return storage;
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === "string" && e.code in ACCESS) {
    const path = describePath(err);
    const verb = VERB[e.syscall ?? ""] ?? "access";
    return new DeepPersonaError(ERROR_CODES.fileAccess, `cannot ${verb} ${path ?? "a file"}: ${ACCESS[e.code]} (${e.code})`, {
      exitCode: 2,
      cause: err,
    });
  }
  if (err instanceof SyntaxError && /JSON/.test(err.message)) {
    return new DeepPersonaError(ERROR_CODES.invalidFile, `a file is not valid JSON (${err.message}); check the file you passed`, {
      exitCode: 2,
      cause: err,
    });
  }
  return undefined;
}

function describePath(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e.path !== "string") return undefined;
  const dest = (e as { dest?: unknown }).dest;
  return typeof dest === "string" ? `'${e.path}' → '${dest}'` : `'${e.path}'`;
}
