import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** the package root (the folder holding package.json and data/), from source or from dist/ */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && existsSync(join(dir, "data"))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("deeppersona: cannot locate the package root (package.json + data/)");
    dir = parent;
  }
}

/** absolute path of a file under data/ */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), "data", ...parts);
}

/** the package version from package.json */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** ../shared/data next to the checkout, when present (reference inputs for data scripts and conformance tests) */
export function sharedDataDir(): string | undefined {
  const candidates = [process.env.DEEPPERSONA_SHARED_DATA, join(packageRoot(), "..", "shared", "data")];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return undefined;
}
