// import-graph check for .ci/run: no import cycles between source files, and layers import only
// what docs/ARCHITECTURE.md allows. prints each problem; exits 1 when any.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAYERS = ["core", "surveys", "persona-engine", "agents", "scenarios", "cli"];
// which top-level folders each layer may import from (itself included)
const ALLOWED = {
  core: ["core"],
  surveys: ["core", "surveys"],
  "persona-engine": ["core", "persona-engine"],
  agents: ["core", "persona-engine", "surveys", "agents"],
  scenarios: ["core", "persona-engine", "surveys", "agents", "scenarios"],
  cli: LAYERS,
  // the library entry point (root index.ts) re-exports every layer; nothing may import it
  "index.ts": LAYERS.filter((l) => l !== "cli"),
};

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

const files = LAYERS.filter((l) => existsSync(join(root, l))).flatMap((l) => walk(join(root, l), []));
if (existsSync(join(root, "index.ts"))) files.push(join(root, "index.ts"));
const importRe = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const graph = new Map();
const problems = [];

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, ".ts"), base.replace(/\.js$/, ".tsx"), base + ".ts", join(base, "index.ts")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

for (const file of files) {
  const src = readFileSync(file, "utf8");
  const layer = relative(root, file).split("/")[0];
  const deps = [];
  for (const m of src.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith(".")) continue;
    const target = resolveImport(file, spec);
    if (!target) {
      problems.push(`${relative(root, file)}: cannot resolve '${spec}'`);
      continue;
    }
    const tlayer = relative(root, target).split("/")[0];
    if (tlayer === "index.ts" && layer !== "index.ts") {
      problems.push(`${relative(root, file)}: imports the library entry point index.ts (only package consumers may)`);
      continue;
    }
    if (!ALLOWED[layer]?.includes(tlayer)) {
      problems.push(
        `${relative(root, file)}: layer '${layer}' may not import '${relative(root, target)}' (allowed: ${ALLOWED[layer]?.join(", ")})`,
      );
    }
    // type-only imports cannot create runtime cycles; dynamic imports are lazy by design
    const line = m[0];
    if (/^\s*(import|export)\s+type\s/.test(line.trim()) || m[2]) continue;
    deps.push(target);
  }
  graph.set(file, deps);
}

// cycle detection (iterative dfs, colours)
const colour = new Map();
const cycles = [];
function dfs(start) {
  const stack = [[start, 0]];
  const path = [start];
  colour.set(start, 1);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    const deps = graph.get(node) ?? [];
    if (i < deps.length) {
      top[1]++;
      const next = deps[i];
      const c = colour.get(next) ?? 0;
      if (c === 0) {
        colour.set(next, 1);
        stack.push([next, 0]);
        path.push(next);
      } else if (c === 1) {
        const from = path.indexOf(next);
        cycles.push(
          path
            .slice(from)
            .concat(next)
            .map((p) => relative(root, p))
            .join(" -> "),
        );
      }
    } else {
      colour.set(node, 2);
      stack.pop();
      path.pop();
    }
  }
}
for (const f of graph.keys()) if (!colour.get(f)) dfs(f);
for (const c of cycles) problems.push(`import cycle: ${c}`);

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`check-imports: ${problems.length} problem(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} files, no cycles, layers respected`);
