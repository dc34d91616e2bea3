// a typed, flat table: what the tidy outputs (responses.csv, personas.csv, attributes.csv,
// metrics.csv and their Parquet twins) are built from. every column has one fixed type, so a
// CSV reader and a Parquet reader see the same schema whatever the run's values are.
export type TidyType = "string" | "int" | "float" | "bool";
export type TidyValue = string | number | boolean | null;

export interface TidyColumn {
  name: string;
  type: TidyType;
}

/** columns of one type, in the given order */
export function tidyColumns(type: TidyType, ...names: string[]): TidyColumn[] {
  return names.map((name) => ({ name, type }));
}

export interface TidyTable {
  columns: TidyColumn[];
  rows: TidyValue[][];
}

/** a value coerced to its column type (null stays null; wrong types become null, never a string in a number column) */
export function tidyValue(type: TidyType, value: unknown): TidyValue {
  if (value === null || value === undefined) return null;
  if (type === "string")
    return typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);
  if (type === "bool") return typeof value === "boolean" ? value : null;
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n)) return null;
  return type === "int" ? (Number.isInteger(n) ? n : null) : n;
}
