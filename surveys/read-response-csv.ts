// fast reader for response CSVs (one row per respondent, one column per item): a single pass over
// the bytes that parses only the requested columns into Float64Arrays. RFC 4180 quoting ("…",
// "" escapes, separators and newlines inside quotes), CRLF, a UTF-8 BOM; blank or non-numeric
// cells become NaN (missing); extra columns are skipped; short rows leave their tail missing.

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export interface ResponseCsv {
  header: string[];
  /** data rows read (blank lines skipped) */
  rows: number;
  /** requested columns → one value per row (NaN = missing) */
  columns: Map<string, Float64Array>;
}

function bomOffset(buf: Uint8Array): number {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

// the last scanned field (module scratch, so the hot loop allocates nothing per field)
let fieldStart = 0;
let fieldEnd = 0;
let fieldEscapes = false;

/** scans one field starting at `pos` into fieldStart/fieldEnd/fieldEscapes; returns the position after it */
function scanField(buf: Uint8Array, pos: number, end: number): number {
  if (pos < end && buf[pos] === QUOTE) {
    let i = pos + 1;
    fieldEscapes = false;
    for (;;) {
      if (i >= end) {
        fieldStart = pos + 1;
        fieldEnd = end;
        return end;
      }
      if (buf[i] === QUOTE) {
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          fieldEscapes = true;
          i += 2;
          continue;
        }
        fieldStart = pos + 1;
        fieldEnd = i;
        i++;
        // tolerate junk between the closing quote and the separator
        while (i < end && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++;
        return i;
      }
      i++;
    }
  }
  let i = pos;
  while (i < end) {
    const c = buf[i];
    if (c === COMMA || c === LF || c === CR) break;
    i++;
  }
  fieldStart = pos;
  fieldEnd = i;
  fieldEscapes = false;
  return i;
}

function decode(buf: Uint8Array, s: number, e: number, escapes: boolean): string {
  const text = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8");
  return escapes ? text.replace(/""/g, '"') : text;
}

/** the number in bytes [s, e): blank or text → NaN */
function parseNumber(buf: Uint8Array, s: number, e: number, escapes: boolean): number {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  if (buf[i] === MINUS || buf[i] === PLUS) {
    neg = buf[i] === MINUS;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let sawDot = false;
  for (; i < e; i++) {
    const c = buf[i] as number;
    if (c >= ZERO && c <= NINE) {
      mant = mant * 10 + (c - ZERO);
      digits++;
      if (sawDot) frac++;
    } else if (c === DOT && !sawDot) sawDot = true;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15 && frac < POW10.length) {
    // integer mantissa < 2^53 divided by an exact power of ten: correctly rounded, as Number()
    const v = frac === 0 ? mant : mant / (POW10[frac] as number);
    return neg ? -v : v;
  }
  const text = decode(buf, s, e, escapes).trim();
  if (text === "") return NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}

/** the header row of a CSV buffer (trimmed names) */
export function readCsvHeader(buf: Uint8Array): { header: string[]; dataStart: number } {
  const end = buf.length;
  let pos = bomOffset(buf);
  const header: string[] = [];
  // skip leading blank lines
  while (pos < end && (buf[pos] === LF || buf[pos] === CR)) pos++;
  for (;;) {
    pos = scanField(buf, pos, end);
    header.push(decode(buf, fieldStart, fieldEnd, fieldEscapes).trim());
    if (pos < end && buf[pos] === COMMA) {
      pos++;
      continue;
    }
    if (pos < end && buf[pos] === CR) pos++;
    if (pos < end && buf[pos] === LF) pos++;
    break;
  }
  return { header, dataStart: pos };
}

export interface ReadResponseCsvOptions {
  /** the columns to parse (names from the header); others are skipped */
  columns: readonly string[];
  /** read at most this many data rows (the first N) */
  maxRows?: number;
}

/** parses the requested numeric columns of a CSV held in memory */
export function parseResponseCsv(buf: Uint8Array, options: ReadResponseCsvOptions): ResponseCsv {
  const { header, dataStart } = readCsvHeader(buf);
  const want = new Int32Array(header.length).fill(-1);
  const names: string[] = [];
  for (const name of options.columns) {
    const idx = header.indexOf(name);
    if (idx < 0) throw new RangeError(`column '${name}' is not in the header`);
    if ((want[idx] as number) < 0) {
      want[idx] = names.length;
      names.push(name);
    }
  }
  const end = buf.length;
  // upper bound on rows: the number of line feeds after the header (+1 for a last line without one)
  let lines = 0;
  for (let p = buf.indexOf(LF, dataStart); p >= 0; p = buf.indexOf(LF, p + 1)) lines++;
  if (lines === 0) for (let p = buf.indexOf(CR, dataStart); p >= 0; p = buf.indexOf(CR, p + 1)) lines++;
  let capacity = lines + 1;
  if (options.maxRows !== undefined) capacity = Math.min(capacity, Math.max(0, options.maxRows));
  let out = names.map(() => new Float64Array(capacity).fill(NaN));
  const maxRows = options.maxRows ?? Infinity;
  const width = header.length;
  let rows = 0;
  let pos = dataStart;
  while (pos < end && rows < maxRows) {
    // blank line
    if (buf[pos] === LF || buf[pos] === CR) {
      pos++;
      continue;
    }
    if (rows >= capacity) {
      capacity *= 2;
      out = out.map((a) => {
        const grown = new Float64Array(capacity).fill(NaN);
        grown.set(a);
        return grown;
      });
    }
    let col = 0;
    for (;;) {
      pos = scanField(buf, pos, end);
      if (col < width) {
        const target = want[col] as number;
        if (target >= 0) (out[target] as Float64Array)[rows] = parseNumber(buf, fieldStart, fieldEnd, fieldEscapes);
      }
      if (pos < end && buf[pos] === COMMA) {
        pos++;
        col++;
        continue;
      }
      if (pos < end && buf[pos] === CR) pos++;
      if (pos < end && buf[pos] === LF) pos++;
      break;
    }
    rows++;
  }
  const columns = new Map<string, Float64Array>();
  names.forEach((n, i) => columns.set(n, (out[i] as Float64Array).subarray(0, rows)));
  return { header, rows, columns };
}
