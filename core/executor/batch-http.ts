// the few HTTP requests of the Batch API, with a short transient retry (429/5xx/network) of their
// own: uploading a file, creating, reading and cancelling a batch, downloading a file.
import { DeepPersonaError, ERROR_CODES } from "../errors.js";
import { stripControl } from "../sanitize/strip-control.js";
import type { Sleep } from "../scheduler/system-time.js";

export interface BatchHttpOptions {
  /** the server's API root, ".../v1" */
  baseURL: string;
  apiKey?: string;
  fetch?: typeof fetch;
  sleep: Sleep;
  /** retries of one request after 429/5xx/network errors (default 4, backoff 1 s doubling) */
  retries?: number;
  signal?: AbortSignal;
}

export type BatchHttp = (method: "GET" | "POST", path: string, body?: { json: unknown } | { form: FormData }) => Promise<Response>;

export function createBatchHttp(options: BatchHttpOptions): BatchHttp {
  const doFetch = options.fetch ?? fetch;
  const root = options.baseURL.replace(/\/+$/, "");
  const retries = options.retries ?? 4;
  return async (method, path, body) => {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
      let payload: string | FormData | undefined;
      if (body && "json" in body) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body.json);
      } else if (body) payload = body.form;
      let res: Response | undefined;
      let failure = "";
      try {
        res = await doFetch(`${root}${path}`, {
          method,
          headers,
          ...(payload === undefined ? {} : { body: payload }),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (res.ok) return res;
        const text = stripControl((await res.text()).slice(0, 300), { keepLines: false });
        failure = `${res.status} ${text}`;
        const transient = res.status === 408 || res.status === 409 || res.status === 429 || res.status >= 500;
        if (!transient)
          throw new DeepPersonaError(ERROR_CODES.modelCall, `batch API ${method} ${path} failed: ${failure}`, {
            details: { status: res.status },
          });
      } catch (err) {
        if (err instanceof DeepPersonaError) throw err;
        if (options.signal?.aborted) throw new DeepPersonaError(ERROR_CODES.cancelled, "batch run cancelled", { cause: err });
        failure = (err as Error).message;
      }
      if (attempt >= retries)
        throw new DeepPersonaError(ERROR_CODES.modelCall, `batch API ${method} ${path} failed after ${attempt + 1} tries: ${failure}`);
      await options.sleep(1000 * 2 ** attempt, options.signal);
    }
  };
}
