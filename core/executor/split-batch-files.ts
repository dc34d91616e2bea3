// request lines → the JSONL files of one batch round, each within the Batch API's limits
// (OpenAI: 50,000 requests and 200 MB per input file).

export const BATCH_FILE_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 } as const;

export interface BatchFileLimits {
  maxRequests: number;
  maxBytes: number;
}

export interface BatchFile {
  /** the custom_ids of the file's lines, in order */
  ids: string[];
  /** the JSONL text (one request a line, each ending in a newline) */
  jsonl: string;
  bytes: number;
}

/** split serialised lines into files of at most `maxRequests` lines and `maxBytes` bytes; a
 *  single line over `maxBytes` is an error (it can never be sent) */
export function splitBatchFiles(
  lines: readonly { customId: string; json: string }[],
  limits: BatchFileLimits = BATCH_FILE_LIMITS,
): BatchFile[] {
  const files: BatchFile[] = [];
  let ids: string[] = [];
  let parts: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (ids.length) files.push({ ids, jsonl: parts.join(""), bytes });
    ids = [];
    parts = [];
    bytes = 0;
  };
  for (const line of lines) {
    const text = `${line.json}\n`;
    const size = Buffer.byteLength(text);
    if (size > limits.maxBytes)
      throw new RangeError(`batch request ${line.customId} is ${size} bytes, over the ${limits.maxBytes}-byte file limit`);
    if (ids.length >= limits.maxRequests || bytes + size > limits.maxBytes) flush();
    ids.push(line.customId);
    parts.push(text);
    bytes += size;
  }
  flush();
  return files;
}
