// a TidyTable as Parquet bytes (apache-arrow builds the typed columns, parquet-wasm writes them;
// both pure JS/WASM, see docs/DECISIONS.md). string → Utf8, int → Int32 (Float64 when a value
// exceeds 32 bits), float → Float64, bool → Bool; every column nullable.
import type { TidyTable } from "./tidy-table.js";

export async function tidyParquet(table: TidyTable): Promise<Uint8Array> {
  const arrow = await import("apache-arrow");
  const pq = await import("parquet-wasm/node");
  const vectors: Record<string, import("apache-arrow").Vector> = {};
  table.columns.forEach((c, i) => {
    const values = table.rows.map((r) => r[i] ?? null);
    const big = c.type === "int" && values.some((v) => typeof v === "number" && Math.abs(v) > 2147483647);
    const type =
      c.type === "string"
        ? new arrow.Utf8()
        : c.type === "bool"
          ? new arrow.Bool()
          : c.type === "int" && !big
            ? new arrow.Int32()
            : new arrow.Float64();
    vectors[c.name] = arrow.vectorFromArray(values, type as import("apache-arrow").DataType);
  });
  const ipc = arrow.tableToIPC(new arrow.Table(vectors), "stream");
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  return pq.writeParquet(pq.Table.fromIPCStream(ipc), props);
}
