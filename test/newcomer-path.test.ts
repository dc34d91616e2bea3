// the newcomer path: README's flag table matches the option specs, the README starts with the
// two commands then "clone, install, demo", its discuss example measures a stance on the car ban,
// and `npm pack` ships dist, data and the README only.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioFlagTable } from "../cli/study-flag-table.js";

const readme = readFileSync("README.md", "utf8");

describe("newcomer path", () => {
  it("the README's flag table is the one generated from the option specs", () => {
    const table = /<!-- flags:start -->\n([\s\S]*?)<!-- flags:end -->/.exec(readme)?.[1];
    expect(table?.trim()).toBe(scenarioFlagTable());
  });

  it("README: what it is, the two commands, then clone, install, demo; the car-ban discussion measures a stance", () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 2)).toEqual(["The two commands", "Clone, install, demo"]);
    expect(readme).toMatch(/git clone/);
    const discuss = /npx deeppersona discuss[^\n]*(\n {2}[^\n]*)*/.exec(readme)?.[0] ?? "";
    expect(discuss).toMatch(/ban cars/);
    expect(discuss).toMatch(/--stance "[^"]*ban/);
  });

  it("npm pack ships dist, data and README.md only (plus the package.json npm always adds)", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    const top = new Set(pack?.files.map((f) => f.path.split("/")[0]));
    expect([...top].sort()).toEqual(["README.md", "data", "dist", "package.json"]);
    expect(pack?.files.some((f) => f.path === "dist/cli/main.js")).toBe(true);
    expect(pack?.files.some((f) => f.path.endsWith(".test.js") || (f.path.endsWith(".ts") && !f.path.endsWith(".d.ts")))).toBe(false);
  });
});
