// tidy outputs end to end, offline: a survey run with --format parquet writes responses.csv (long,
// covariates), personas.csv, attributes.csv, metrics.csv and their Parquet twins; an independent
// CSV parser and the Parquet reader load them with the expected columns and types, and agree.
// discuss writes measures.csv with the same covariates; stress metrics.csv carries rates with CIs.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC, type Table } from "apache-arrow";
import { readParquet } from "parquet-wasm/node";
import { describe, expect, it } from "vitest";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-tidy-");

/** RFC 4180, written here (not the writer's code): rows of raw cells, null for an unquoted empty cell */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let cell = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') ((quoted = true), (wasQuoted = true));
    else if (ch === "," || ch === "\n") {
      row.push(cell === "" && !wasQuoted ? null : cell);
      cell = "";
      wasQuoted = false;
      if (ch === "\n") (rows.push(row), (row = []));
    } else cell += ch;
  }
  return rows;
}

function readCsv(dir: string, file: string) {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, file), "utf8"));
  return { header: header as string[], rows };
}

function readPq(dir: string, file: string): Table {
  return tableFromIPC(readParquet(readFileSync(join(dir, file))).intoIPCStream());
}

const typeOf = (t: Table, name: string) => String(t.schema.fields.find((f) => f.name === name)?.type);

describe("tidy outputs", () => {
  const dir = join(root, "survey");
  it("survey --format parquet: responses.csv long with covariates + arm, personas, attributes, metrics, each with a typed Parquet twin that matches the CSV", async () => {
    const r = await cli(argv`survey run --countries KEN --per-country 3 --items Q45,Q46 --baseline demographics --attributes 40
      --bootstrap 50 --weights none --format parquet --out ${dir}`);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ["responses", "personas", "attributes", "metrics"]) {
      expect(existsSync(join(dir, `${name}.csv`)), name).toBe(true);
      expect(existsSync(join(dir, `${name}.parquet`)), name).toBe(true);
    }
    expect(readFileSync(join(dir, "responses-wide.csv"), "utf8").split("\n")[0]).toBe("persona_id,country,arm,sample,Q45,Q46");

    const responses = readCsv(dir, "responses.csv");
    for (const col of [
      "arm",
      "persona_id",
      "country",
      "sex",
      "age",
      "age_group",
      "education",
      "urban_rural",
      "religion",
      "weight",
      "item",
      "value",
      "status",
    ])
      expect(responses.header).toContain(col);
    expect(responses.rows).toHaveLength(3 * 2 * 2);
    const col = (name: string) => responses.rows.map((row) => row[responses.header.indexOf(name)]);
    expect(new Set(col("arm"))).toEqual(new Set(["deep", "demographics"]));
    expect(col("age").every((a) => typeof a === "string" && /^\d+$/.test(a))).toBe(true);
    expect(col("weight").every((w) => w !== null && Number.isFinite(Number(w)))).toBe(true);
    expect(col("sex").every((s) => s === "female" || s === "male")).toBe(true);
    expect(col("urban_rural").every((s) => s === "urban" || s === "rural")).toBe(true);

    const pq = readPq(dir, "responses.parquet");
    expect(pq.schema.fields.map((f) => f.name)).toEqual(responses.header);
    expect(pq.numRows).toBe(responses.rows.length);
    expect([
      typeOf(pq, "persona_id"),
      typeOf(pq, "age"),
      typeOf(pq, "weight"),
      typeOf(pq, "value"),
      typeOf(pq, "reversed"),
      typeOf(pq, "sex"),
    ]).toEqual(["Utf8", "Int32", "Float64", "Int32", "Bool", "Utf8"]);
    const first = pq.get(0)?.toJSON() as Record<string, unknown>;
    expect(typeof first.age).toBe("number");
    expect(String(first.age)).toBe(responses.rows[0]?.[responses.header.indexOf("age")]);
    expect(first.persona_id).toBe(responses.rows[0]?.[responses.header.indexOf("persona_id")]);

    const personas = readCsv(dir, "personas.csv");
    expect(personas.rows).toHaveLength(3);
    for (const c of [
      "persona_id",
      "country",
      "name",
      "summary",
      "weight",
      "age",
      "sex",
      "education",
      "religion",
      "attributes",
      "attributes_filled",
    ])
      expect(personas.header).toContain(c);
    const ppq = readPq(dir, "personas.parquet");
    expect([typeOf(ppq, "age"), typeOf(ppq, "income_decile"), typeOf(ppq, "household_size"), typeOf(ppq, "attributes")]).toEqual([
      "Int32",
      "Utf8",
      "Utf8",
      "Int32",
    ]);

    const attributes = readCsv(dir, "attributes.csv");
    expect(attributes.header).toEqual(["persona_id", "path", "category", "tier", "status", "value", "source", "table"]);
    expect(attributes.rows.length).toBeGreaterThanOrEqual(3 * 40);
    const apq = readPq(dir, "attributes.parquet");
    expect(apq.schema.fields.every((f) => String(f.type) === "Utf8")).toBe(true);
    expect(apq.numRows).toBe(attributes.rows.length);

    const metrics = readCsv(dir, "metrics.csv");
    expect(metrics.header).toEqual(["arm", "country", "item", "scope", "metric", "value", "ci_low", "ci_high"]);
    const js = metrics.rows.filter((row) => row[4] === "js_distance" && row[3] === "results.comparison");
    expect(js.map((row) => `${row[0]}/${row[1]}/${row[2]}`).sort()).toEqual([
      "deep/KEN/Q45",
      "deep/KEN/Q46",
      "demographics/KEN/Q45",
      "demographics/KEN/Q46",
    ]);
    for (const row of js) expect(Number(row[6])).toBeLessThanOrEqual(Number(row[5]) + 1e-12);
    const mpq = readPq(dir, "metrics.parquet");
    expect([typeOf(mpq, "metric"), typeOf(mpq, "value"), typeOf(mpq, "ci_low")]).toEqual(["Utf8", "Float64", "Float64"]);
    expect(mpq.numRows).toBe(metrics.rows.length);
  }, 120_000);

  it("discuss writes measures.csv with covariates and phase; stress metrics.csv has rates with CIs; no Parquet without --format parquet", async () => {
    const personas = testPersonasFile(join(root, "p.jsonl"), { DEU: "Germany" }, 8);
    const d = join(root, "discuss");
    const r = await cli(argv`discuss --personas ${personas} --topic ${"Ban cars from the centre?"}
      --treatment ${"Asthma admissions fell."} --stance ${"Do you support the car ban?"} --rounds 1 --bootstrap 50
      --out ${d}`);
    expect(r.code, r.stderr).toBe(0);
    const measures = readCsv(d, "measures.csv");
    for (const c of ["arm", "group", "phase", "persona_id", "sex", "age", "weight", "item", "value"]) expect(measures.header).toContain(c);
    expect(new Set(measures.rows.map((row) => row[measures.header.indexOf("phase")]))).toEqual(new Set(["pre", "post"]));
    expect(existsSync(join(d, "measures.parquet"))).toBe(false);
    const s = join(root, "stress");
    const sr = await cli(argv`stress --personas ${personas} --probes med-stop-medication --turns 1 --bootstrap 50 --out ${s}`);
    expect(sr.code, sr.stderr).toBe(0);
    const metrics = readCsv(s, "metrics.csv");
    const rates = metrics.rows.filter((row) => row[4] === "rate" && row[6] !== null);
    expect(rates.length).toBeGreaterThan(3);
    expect(readCsv(s, "personas.csv").rows).toHaveLength(8);
  }, 120_000);
});
