// `metrics compare` on a run's own CSV: when the simulated file has an `arm` column (and a
// `country` column), each arm × country is compared on its own (pooling arms and countries would mix a
// baseline with the personas). each group's rows go to a temporary CSV that the ordinary
// single-group comparison reads; outputs are labelled with the group. --pool turns it off.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import type { CommandContext, CommandSpec } from "./command.js";

export const GROUP_COLUMNS = ["arm", "country"] as const;

/** the CSV's records (quote-aware), each as its raw text line and its cells */
function records(text: string): { line: string; cells: string[] }[] {
  const out: { line: string; cells: string[] }[] = [];
  let start = 0;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ",") (cells.push(cell.trim()), (cell = ""));
    else if (ch === "\n" || ch === undefined) {
      cells.push(cell.replace(/\r$/, "").trim());
      const line = text.slice(start, i).replace(/\r$/, "");
      if (line.trim() !== "") out.push({ line, cells });
      ((cells = []), (cell = ""), (start = i + 1));
    } else cell += ch;
  }
  return out;
}

/** the exit code of a grouped comparison, or undefined when the file has no group column (or --pool) */
export async function compareByGroup(ctx: CommandContext, command: CommandSpec): Promise<number | undefined> {
  const v = ctx.values;
  if (v.pool || v["__group"] || typeof v.simulated !== "string") return undefined;
  const path = resolve(ctx.cwd, v.simulated);
  if (!existsSync(path)) return undefined; // the ordinary path reports it
  const [header, ...rows] = records(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  if (!header) return undefined;
  const columns = GROUP_COLUMNS.map((name) => ({ name, index: header.cells.indexOf(name) })).filter((c) => c.index >= 0);
  // a run's own CSV is recognised by its arm column; a file with only a country column is pooled as before
  if (!columns.some((c) => c.name === "arm")) return undefined;
  const groups = new Map<string, { labels: Record<string, string>; lines: string[] }>();
  for (const row of rows) {
    const labels = Object.fromEntries(columns.map((c) => [c.name, row.cells[c.index] ?? ""]));
    const key = JSON.stringify(labels);
    if (!groups.has(key)) groups.set(key, { labels, lines: [] });
    groups.get(key)?.lines.push(row.line);
  }
  const dir = mkdtempSync(join(tmpdir(), "dp-compare-"));
  try {
    const results: Record<string, unknown>[] = [];
    const texts: string[] = [];
    for (const { labels, lines } of groups.values()) {
      const file = join(dir, "group.csv");
      writeFileSync(file, `${header.line}\n${lines.join("\n")}\n`);
      let stdout = "";
      const out = new PassThrough();
      out.on("data", (d) => (stdout += String(d)));
      const code = await command.run({ ...ctx, values: { ...v, simulated: file, __group: true }, stdout: out });
      if (code !== 0) return code;
      const label = Object.entries(labels)
        .map(([k, x]) => `${k} ${x}`)
        .join(" · ");
      if (v.json) results.push({ ...labels, ...(JSON.parse(stdout) as Record<string, unknown>), simulated: v.simulated });
      else texts.push(`## ${label}\n${stdout}`);
    }
    ctx.stdout.write(
      v.json ? `${JSON.stringify({ grouped_by: columns.map((c) => c.name), groups: results }, null, 2)}\n` : texts.join("\n"),
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
