// the OpenAI Batch API of the fake server (fake-openai-server.ts): POST /v1/files (multipart,
// purpose=batch, a JSONL file), GET /v1/files/:id/content, POST /v1/batches, GET /v1/batches/:id,
// POST /v1/batches/:id/cancel. each batch follows a SCRIPT (one per created batch, in order; the
// default script when none is queued): validating → in_progress → its terminal status after
// `polls` GETs. request lines are answered by the same function as the synchronous
// /v1/chat/completions route, so a line's answer is the synchronous answer to the same body.
// faults: a batch that ends expired / cancelled / failed with only some lines answered, and
// per-line errors (in the error file, or as output lines with status_code 500 / 400).

export interface BatchLineFault {
  /** where the error goes: the error file (`response: null`, `error: {code, message}`) or an
   *  output line with this status code and an OpenAI error body */
  in: "error_file" | "output";
  status?: number;
  code?: string;
  message?: string;
}

export interface BatchScript {
  /** GETs of the batch before it reaches its terminal status (default 2: validating, in_progress, done) */
  polls?: number;
  /** default "completed" */
  status?: "completed" | "expired" | "cancelled" | "failed";
  /** expired / cancelled: how many lines (from the top) were answered; the rest are missing */
  answered?: number;
  /** per-line faults, by the line's index in the uploaded file */
  lines?: Record<number, BatchLineFault>;
  /** failed: the validation errors the batch reports */
  errors?: { code: string; message: string; line?: number }[];
}

export interface FakeBatch {
  id: string;
  inputFileId: string;
  script: BatchScript;
  polls: number;
  status: string;
  outputFileId: string | null;
  errorFileId: string | null;
  requests: number;
}

export interface FakeBatchApi {
  /** scripts consumed one per created batch (arrays replace the queue) */
  script(scripts: BatchScript[]): void;
  batches: FakeBatch[];
  /** uploaded and produced files by id */
  files: Map<string, { purpose: string; filename: string; content: string }>;
  /** answers a batch route; undefined when the path is not one */
  route(
    method: string,
    path: string,
    raw: string,
    contentType: string | undefined,
  ): { status: number; json?: unknown; text?: string } | undefined;
}

type Line = { custom_id?: string; method?: string; url?: string; body?: unknown };

/** one multipart/form-data body → its fields (files as text) */
export function parseMultipart(raw: string, contentType: string | undefined): Record<string, { value: string; filename?: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return {};
  const out: Record<string, { value: string; filename?: string }> = {};
  for (const part of raw.split(`--${b}`)) {
    const sep = part.indexOf("\r\n\r\n");
    if (sep < 0) continue;
    const head = part.slice(0, sep);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    out[name] = { value: part.slice(sep + 4).replace(/\r\n$/, ""), ...(filename === undefined ? {} : { filename }) };
  }
  return out;
}

export function createFakeBatchApi(answer: (body: unknown) => Record<string, unknown>): FakeBatchApi {
  const files = new Map<string, { purpose: string; filename: string; content: string }>();
  const batches: FakeBatch[] = [];
  let scripts: BatchScript[] = [];
  let fileIds = 0;
  const error = (status: number, message: string) => ({ status, json: { error: { message, type: "invalid_request_error", code: null } } });
  const addFile = (purpose: string, filename: string, content: string) => {
    const id = `file-fake-${++fileIds}`;
    files.set(id, { purpose, filename, content });
    return id;
  };
  const batchObject = (b: FakeBatch) => ({
    id: b.id,
    object: "batch",
    endpoint: "/v1/chat/completions",
    input_file_id: b.inputFileId,
    completion_window: "24h",
    status: b.status,
    output_file_id: b.outputFileId,
    error_file_id: b.errorFileId,
    created_at: 0,
    request_counts: { total: b.requests, completed: 0, failed: 0 },
    ...(b.status === "failed"
      ? { errors: { object: "list", data: b.script.errors ?? [{ code: "invalid_request", message: "fake validation failure" }] } }
      : {}),
  });

  /** the batch reaches its terminal status: output and error files from the script */
  function finish(b: FakeBatch): void {
    const s = b.script;
    b.status = s.status ?? "completed";
    if (b.status === "failed") return;
    const lines = (files.get(b.inputFileId)?.content ?? "")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    const answered = b.status === "completed" ? lines.length : Math.min(lines.length, s.answered ?? 0);
    const output: string[] = [];
    const errors: string[] = [];
    lines.slice(0, answered).forEach((line, i) => {
      const id = `batch_req_${b.id}_${i}`;
      const fault = s.lines?.[i];
      if (fault?.in === "error_file") {
        errors.push(
          JSON.stringify({
            id,
            custom_id: line.custom_id,
            response: null,
            error: { code: fault.code ?? "server_error", message: fault.message ?? "fake line error" },
          }),
        );
      } else if (fault) {
        const status = fault.status ?? 500;
        const body = {
          error: {
            message: fault.message ?? `fake ${status}`,
            type: status >= 500 ? "server_error" : "invalid_request_error",
            code: fault.code ?? null,
          },
        };
        errors.push(
          JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: status, request_id: `req_${id}`, body }, error: null }),
        );
      } else {
        output.push(
          JSON.stringify({
            id,
            custom_id: line.custom_id,
            response: { status_code: 200, request_id: `req_${id}`, body: answer(line.body) },
            error: null,
          }),
        );
      }
    });
    // like OpenAI: successes in the output file, every failed line in the error file
    if (output.length) b.outputFileId = addFile("batch_output", `${b.id}_output.jsonl`, `${output.join("\n")}\n`);
    if (errors.length) b.errorFileId = addFile("batch_output", `${b.id}_error.jsonl`, `${errors.join("\n")}\n`);
  }

  return {
    batches,
    files,
    script(next) {
      scripts = [...next];
    },
    route(method, path, raw, contentType) {
      const p = path.replace(/^\/v1/, "");
      if (method === "POST" && p === "/files") {
        const form = parseMultipart(raw, contentType);
        if (form.purpose?.value !== "batch") return error(400, "purpose must be batch");
        const file = form.file;
        if (!file) return error(400, "missing file");
        for (const [i, l] of file.value.split("\n").filter(Boolean).entries()) {
          try {
            const line = JSON.parse(l) as Line;
            if (typeof line.custom_id !== "string" || line.url !== "/v1/chat/completions" || line.method !== "POST")
              return error(400, `line ${i + 1}: needs custom_id, method POST, url /v1/chat/completions`);
          } catch {
            return error(400, `line ${i + 1} is not JSON`);
          }
        }
        const id = addFile("batch", file.filename ?? "batch.jsonl", file.value);
        return {
          status: 200,
          json: {
            id,
            object: "file",
            bytes: Buffer.byteLength(file.value),
            created_at: 0,
            filename: file.filename ?? "batch.jsonl",
            purpose: "batch",
          },
        };
      }
      const content = /^\/files\/([^/]+)\/content$/.exec(p);
      if (method === "GET" && content) {
        const f = files.get(content[1] as string);
        return f ? { status: 200, text: f.content } : error(404, `no file ${content[1]}`);
      }
      if (method === "POST" && p === "/batches") {
        const body = JSON.parse(raw || "{}") as { input_file_id?: string; endpoint?: string; completion_window?: string };
        const input = body.input_file_id ? files.get(body.input_file_id) : undefined;
        if (!input || input.purpose !== "batch") return error(400, `unknown input_file_id ${body.input_file_id}`);
        if (body.endpoint !== "/v1/chat/completions") return error(400, `unsupported endpoint ${body.endpoint}`);
        if (body.completion_window !== "24h") return error(400, "completion_window must be 24h");
        const b: FakeBatch = {
          id: `batch_fake_${batches.length + 1}`,
          inputFileId: body.input_file_id as string,
          script: scripts.shift() ?? {},
          polls: 0,
          status: "validating",
          outputFileId: null,
          errorFileId: null,
          requests: input.content.split("\n").filter(Boolean).length,
        };
        batches.push(b);
        return { status: 200, json: batchObject(b) };
      }
      const one = /^\/batches\/([^/]+)(\/cancel)?$/.exec(p);
      if (one) {
        const b = batches.find((x) => x.id === one[1]);
        if (!b) return error(404, `no batch ${one[1]}`);
        if (method === "POST" && one[2]) {
          if (b.status === "validating" || b.status === "in_progress") {
            b.script = { ...b.script, status: "cancelled", answered: b.script.answered ?? 0 };
            finish(b);
          }
          return { status: 200, json: batchObject(b) };
        }
        if (method === "GET" && !one[2]) {
          b.polls += 1;
          if (b.status === "validating" || b.status === "in_progress") {
            if (b.polls >= (b.script.polls ?? 2)) finish(b);
            else if (b.polls >= 1) b.status = "in_progress";
          }
          return { status: 200, json: batchObject(b) };
        }
      }
      return undefined;
    },
  };
}
