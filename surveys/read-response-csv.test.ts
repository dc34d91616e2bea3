import { describe, expect, it } from "vitest";
import { parseCsvText } from "./parse-csv-text.js";
import { parseResponseCsv, readCsvHeader } from "./read-response-csv.js";

const enc = (s: string) => Buffer.from(s, "utf8");

describe("parseResponseCsv", () => {
  it("quoted fields, escaped quotes, separators and newlines inside quotes, CRLF, BOM, blanks", () => {
    const text =
      '\ufeff"id","note",Q45,"Q46"\r\n' +
      '1,"hello, ""world""",1,"2"\r\n' +
      '2,"multi\nline",,3\r\n' +
      "\r\n" +
      '3,plain, 2 ,"  "\r\n' +
      "4,x,NA,-1\r\n" +
      "5,short\n";
    const r = parseResponseCsv(enc(text), { columns: ["Q45", "Q46"] });
    expect(r.header).toEqual(["id", "note", "Q45", "Q46"]);
    expect(r.rows).toBe(5);
    expect(Array.from(r.columns.get("Q45") as Float64Array)).toEqual([1, Number.NaN, 2, Number.NaN, Number.NaN]);
    expect(Array.from(r.columns.get("Q46") as Float64Array)).toEqual([2, 3, Number.NaN, -1, Number.NaN]);
  });

  it("decimals parse exactly as Number() does; exponents fall back", () => {
    const r = parseResponseCsv(enc("a\n1.67\n2.00\n0.1\n1e1\n-3.5\n"), { columns: ["a"] });
    expect(Array.from(r.columns.get("a") as Float64Array)).toEqual([1.67, 2, 0.1, 10, -3.5]);
  });

  it("maxRows reads only the first N data rows; extra trailing columns are ignored", () => {
    const r = parseResponseCsv(enc("a,b\n1,2,9,9\n3,4\n5,6\n"), { columns: ["b"], maxRows: 2 });
    expect(r.rows).toBe(2);
    expect(Array.from(r.columns.get("b") as Float64Array)).toEqual([2, 4]);
  });

  it("unknown column → RangeError; header helper", () => {
    expect(() => parseResponseCsv(enc("a\n1\n"), { columns: ["z"] })).toThrow(/'z'/);
    expect(readCsvHeader(enc("x, y ,z\r\n1,2,3")).header).toEqual(["x", "y", "z"]);
  });
});

describe("parseCsvText", () => {
  it("handles the same quoting rules", () => {
    const t = parseCsvText('a,b\n"x, ""y""","line\nbreak"\n');
    expect(t.rows).toEqual([['x, "y"', "line\nbreak"]]);
  });
});
