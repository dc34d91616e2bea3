// a write that failed because the disk is full or failing (ENOSPC, EDQUOT, EIO, EROFS) becomes a
// typed DeepPersonaError (E_STORAGE, exit 3): the run stops scheduling, writes what it can, marks
// its manifest "incomplete" with the reason and stays resumable. other errors pass through.
import { DeepPersonaError, ERROR_CODES, isDeepPersonaError } from "../errors.js";

const STORAGE_CODES: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EIO: "an I/O error (failing disk or network file system)",
  EROFS: "the file system is read-only",
};

export function isStorageError(err: unknown): err is DeepPersonaError {
  return isDeepPersonaError(err) && err.code === ERROR_CODES.storage;
}

/** the E_STORAGE error for `err` when it is a full/failing-disk error, else undefined */
export function storageError(err: unknown, what: string): DeepPersonaError | undefined {
  if (isStorageError(err)) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !(code in STORAGE_CODES)) return undefined;
  return new DeepPersonaError(
    ERROR_CODES.storage,
    `cannot write ${what}: ${STORAGE_CODES[code]} (${code}); free space or fix the disk, then continue with --resume`,
    {
      exitCode: 3,
      cause: err,
      details: { errno: code },
    },
  );
}

/** rethrows `err` as an E_STORAGE error when it is one, unchanged otherwise */
export function rethrowStorage(err: unknown, what: string): never {
  throw storageError(err, what) ?? err;
}
