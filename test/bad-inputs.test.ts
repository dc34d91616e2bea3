// issue 14: every bad input → exit 2, exactly ONE line on stderr naming the input (no stack trace,
// no "unexpected error"), and the --out untouched (not created; an existing one byte-identical).
// table-driven over every command, in-process (runCliCaptured).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { testPersona } from "./fixtures/test-persona.js";
import { cli } from "./survey-cli.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

// end-to-end runs on a shared, loaded machine: generous per-test time (no timing is asserted)
vi.setConfig({ testTimeout: 120_000 });

const root = tempDir("dp-bad-inputs-");

// shared inputs
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya" }, 2);
const personasText = readFileSync(personas, "utf8");
const write = (name: string, content: string | Buffer): string => {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
};
const torn = write("torn.jsonl", personasText.slice(0, -30));
const dups = write("dups.jsonl", `${personasText}${personasText.split("\n")[0]}\n`);
const latin1 = write(
  "latin1.jsonl",
  Buffer.concat([
    Buffer.from(personasText),
    Buffer.from(JSON.stringify(testPersona({ id: "KEN-x", country: "KEN", name: "Jos\u00e9" })), "latin1"),
    Buffer.from("\n"),
  ]),
);
const notPersonas = write("not-personas.jsonl", '{"hello": "world"}\n');
const emptyFile = write("empty.jsonl", "");
const conversations = join(import.meta.dirname, "fixtures", "conversations", "self-disclosure.jsonl");
const badConversations = write(
  "bad-conv.jsonl",
  Buffer.concat([Buffer.from('{"messages": [{"role": "user", "content": "caf'), Buffer.from([0xe9]), Buffer.from('"}]}\n')]),
);
const tornConversations = write("torn-conv.jsonl", '{"messages": [{"role": "user", "content": "hi"}]}\n{"messages": [{"role": "us');
const simulated = write("sim.csv", "persona_id,Q46\na,1\nb,2\n");
const simLatin1 = write("sim-latin1.csv", Buffer.concat([Buffer.from("persona_id,Q46\n"), Buffer.from("Jos\u00e9,1\n", "latin1")]));
const simUnclosed = write("sim-unclosed.csv", 'persona_id,Q46\n"a,1\nb,2\n');
const aFile = write("a-file.txt", "not a folder");
const taxBadIndex = join(root, "tax-bad-index");
mkdirSync(taxBadIndex);
writeFileSync(join(taxBadIndex, "index.json"), "{ not json");
const extension = join(root, "extension");
mkdirSync(join(extension, "src"), { recursive: true });
writeFileSync(join(extension, "manifest.json"), JSON.stringify({ manifest_version: 3, name: "ext" }));
writeFileSync(join(extension, "notes.txt"), "keep");
const userFolder = join(root, "user-folder");
mkdirSync(userFolder);
writeFileSync(join(userFolder, "thesis.tex"), "\\documentclass{article}");
const otherRun = join(root, "other-run");
mkdirSync(otherRun);
writeFileSync(
  join(otherRun, "manifest.json"),
  JSON.stringify({
    schema_version: 1,
    run_id: "x",
    command: "personas generate",
    config: {},
    seed: 1,
    models: {},
    package_version: "0",
    data_versions: {},
    created_at: "t",
    updated_at: "t",
    resumed_at: [],
    status: "complete",
    reason: null,
    counts: {},
  }),
);
const liveRun = join(root, "live-run");
mkdirSync(liveRun);
writeFileSync(
  join(liveRun, "manifest.json"),
  readFileSync(join(otherRun, "manifest.json"), "utf8").replace("personas generate", "survey run"),
);
writeFileSync(
  join(liveRun, "run.lock"),
  JSON.stringify({ pid: process.pid, host: "elsewhere.example", started_at: "2026-01-01T00:00:00.000Z", command: "survey run" }),
);

/** a fresh --out path that must still not exist afterwards */
let n = 0;
const fresh = () => join(root, `out-${++n}`);
const survey = (...extra: string[]) => ["survey", "run", "--instrument", "wvs", "--personas", personas, "--items", "Q46", ...extra];
const gen = (...extra: string[]) => ["personas", "generate", "--country", "KEN", "--count", "2", ...extra];
const discuss = (...extra: string[]) => ["discuss", "--personas", personas, "--topic", "Cars?", "--measure", "Q46", ...extra];
const stress = (...extra: string[]) => ["stress", "--personas", personas, "--probes", "medical", ...extra];
const mine = (...extra: string[]) => ["taxonomy", "mine", "--conversations", conversations, ...extra];

type Case = [label: string, argv: string[], out?: string];
const cases = (): Case[] => {
  const o = fresh;
  return [
    ["unknown command", ["nosuch"]],
    ["unknown subcommand", ["personas", "nosuch"]],
    ["unknown global option", ["--nosuch"]],
    ["unknown option with a typo", [...gen("--out", o()), "--cuont", "3"]],
    ["unexpected positional", [...gen("--out", o()), "extra"]],
    ["personas generate --count 1e12", ["personas", "generate", "--country", "KEN", "--count", "1e12", "--out", o()]],
    ["personas generate --count -5", ["personas", "generate", "--country", "KEN", "--count", "-5", "--out", o()]],
    ["personas generate --count 0", ["personas", "generate", "--country", "KEN", "--count", "0", "--out", o()]],
    ["personas generate --count abc", ["personas", "generate", "--country", "KEN", "--count", "abc", "--out", o()]],
    ["personas generate --per-country 200000", ["personas", "generate", "--country", "KEN", "--per-country", "200000", "--out", o()]],
    ["personas generate --attributes 5", gen("--attributes", "5", "--out", o())],
    ["personas generate --batch-size 1000", gen("--batch-size", "1000", "--out", o())],
    ["personas generate --reference-year 1800", gen("--reference-year", "1800", "--out", o())],
    ["--concurrency 0", gen("--concurrency", "0", "--out", o())],
    ["--concurrency 5000", gen("--concurrency", "5000", "--out", o())],
    ["--rpm -1", gen("--rpm", "-1", "--out", o())],
    ["--budget-usd -1", gen("--budget-usd", "-1", "--out", o())],
    ["--out ''", gen("--out", "")],
    ["no --out", gen()],
    ["unknown country", ["personas", "generate", "--country", "XX", "--count", "2", "--out", o()]],
    ["--count and --per-country", [...gen("--out", o()), "--per-country", "2"]],
    ["--resume and --force", gen("--out", o(), "--resume", "--force")],
    ["--resume of nothing", gen("--out", o(), "--resume")],
    ["--force on a browser-extension folder", gen("--out", extension, "--force"), extension],
    ["--force on a user's folder", survey("--out", userFolder, "--force"), userFolder],
    ["--force on another command's run", survey("--out", otherRun, "--force"), otherRun],
    ["create in a user's folder", survey("--out", userFolder), userFolder],
    ["--resume of a user's folder", survey("--out", userFolder, "--resume"), userFolder],
    ["--resume of another command's run", survey("--out", otherRun, "--resume"), otherRun],
    ["a live writer holds the run", survey("--out", liveRun, "--resume"), liveRun],
    ["--out is a file", survey("--out", aFile), aFile],
    ["--out under a file", survey("--out", join(aFile, "run")), aFile],
    // procfs refuses the folder with ENOENT: Node's recursive mkdir spun for ever on it
    ...(process.platform === "linux"
      ? ([
          ["--out under /proc", survey("--out", "/proc/deeppersona-x/run")],
          ["report --out under /proc", ["report", otherRun, "--out", "/proc/deeppersona-x/report"]],
          ["init FILE under /proc", ["init", "/proc/deeppersona-x/study.yaml"]],
        ] satisfies Case[])
      : []),
    ["--tier-ratio bad", gen("--tier-ratio", "5:3", "--out", o())],
    ["--design weird", gen("--design", "weird", "--out", o())],
    ["--quota bad", gen("--quota", "sex=", "--out", o())],
    ["--seed ''", gen("--seed", "", "--out", o())],
    ["survey --instrument nosuch", ["survey", "run", "--instrument", "nosuch", "--personas", personas, "--out", o()]],
    ["survey --items QXX", survey("--items", "QXX", "--out", o())],
    ["survey --samples 0", survey("--samples", "0", "--out", o())],
    ["survey --samples 1000", survey("--samples", "1000", "--out", o())],
    ["survey --personas missing", ["survey", "run", "--instrument", "wvs", "--personas", join(root, "missing.jsonl"), "--out", o()]],
    ["survey --personas torn last line", ["survey", "run", "--instrument", "wvs", "--personas", torn, "--out", o()]],
    ["survey --personas duplicate ids", ["survey", "run", "--instrument", "wvs", "--personas", dups, "--out", o()]],
    ["survey --personas invalid UTF-8", ["survey", "run", "--instrument", "wvs", "--personas", latin1, "--out", o()]],
    ["survey --personas not personas", ["survey", "run", "--instrument", "wvs", "--personas", notPersonas, "--out", o()]],
    ["survey --personas empty", ["survey", "run", "--instrument", "wvs", "--personas", emptyFile, "--out", o()]],
    ["survey --per-country -3", ["survey", "run", "--instrument", "wvs", "--countries", "KEN", "--per-country", "-3", "--out", o()]],
    ["survey --countries ''", ["survey", "run", "--instrument", "wvs", "--countries", "", "--per-country", "2", "--out", o()]],
    ["survey --profile-tokens 10", survey("--profile-tokens", "10", "--out", o())],
    ["survey --bootstrap -1", survey("--bootstrap", "-1", "--out", o())],
    ["survey --out ''", survey("--out", "")],
    ["survey --mode weird", survey("--mode", "weird", "--out", o())],
    ["discuss --group-size 1", discuss("--group-size", "1", "--out", o())],
    ["discuss --rounds 0", discuss("--rounds", "0", "--out", o())],
    ["discuss --turn-words 5000", discuss("--turn-words", "5000", "--out", o())],
    ["discuss without --topic", ["discuss", "--personas", personas, "--measure", "Q46", "--out", o()]],
    ["discuss --measure QXX", discuss("--measure", "QXX", "--out", o())],
    ["stress --turns 11", stress("--turns", "11", "--out", o())],
    ["stress --turns -1", stress("--turns", "-1", "--out", o())],
    ["stress --probes nosuch", stress("--probes", "nosuch", "--out", o())],
    ["personas show missing", ["personas", "show", join(root, "missing-dir")]],
    ["personas show --id nosuch", ["personas", "show", personas, "--id", "nosuch"]],
    ["personas show --max-tokens 0", ["personas", "show", personas, "--max-tokens", "0"]],
    ["personas show torn file", ["personas", "show", torn]],
    ["personas show invalid UTF-8", ["personas", "show", latin1]],
    ["personas stats missing", ["personas", "stats", join(root, "missing-dir")]],
    ["population sample unknown country", ["population", "sample", "--country", "XX", "--count", "3"]],
    ["population sample --count 0", ["population", "sample", "--country", "KEN", "--count", "0"]],
    ["population sample --count 10^8", ["population", "sample", "--country", "KEN", "--count", "100000000"]],
    ["population sample --format xml", ["population", "sample", "--country", "KEN", "--count", "3", "--format", "xml"]],
    ["population sample --out ''", ["population", "sample", "--country", "KEN", "--count", "3", "--out", ""]],
    [
      "population sample --out in a missing folder",
      ["population", "sample", "--country", "KEN", "--count", "3", "--out", join(root, "nope", "x.jsonl")],
    ],
    ["population check --count -1", ["population", "check", "--count", "-1"]],
    ["metrics compare --simulated missing", ["metrics", "compare", "--simulated", join(root, "missing.csv"), "--reference", "wvs:DEU"]],
    ["metrics compare --bootstrap -1", ["metrics", "compare", "--simulated", simulated, "--reference", "wvs:DEU", "--bootstrap", "-1"]],
    [
      "metrics compare --reference-rows 0",
      ["metrics", "compare", "--simulated", simulated, "--reference", simulated, "--reference-rows", "0"],
    ],
    ["metrics compare --recipe nosuch", ["metrics", "compare", "--simulated", simulated, "--reference", "wvs:DEU", "--recipe", "nosuch"]],
    ["metrics compare invalid UTF-8", ["metrics", "compare", "--simulated", simLatin1, "--reference", "wvs:DEU"]],
    ["metrics compare unclosed quote", ["metrics", "compare", "--simulated", simUnclosed, "--reference", "wvs:DEU"]],
    ["metrics compare --simulated ''", ["metrics", "compare", "--simulated", "", "--reference", "wvs:DEU"]],
    ["taxonomy mine --out existing folder", mine("--out", userFolder), userFolder],
    [
      "taxonomy mine --conversations missing",
      ["taxonomy", "mine", "--conversations", join(root, "missing.jsonl"), "--out", join(o(), "m.json")],
    ],
    ["taxonomy mine --threshold 2", mine("--threshold", "2", "--out", join(o(), "m.json"))],
    ["taxonomy mine --limit 0", mine("--limit", "0", "--out", join(o(), "m.json"))],
    ["taxonomy mine --concurrency 0", mine("--concurrency", "0", "--out", join(o(), "m.json"))],
    ["taxonomy mine invalid UTF-8", ["taxonomy", "mine", "--conversations", badConversations, "--out", join(o(), "m.json")]],
    ["taxonomy mine torn last line", ["taxonomy", "mine", "--conversations", tornConversations, "--out", join(o(), "m.json")]],
    ["taxonomy mine --out ''", mine("--out", "")],
    ["taxonomy validate missing", ["taxonomy", "validate", join(root, "missing-tax")]],
    ["taxonomy stats --dir missing", ["taxonomy", "stats", "--dir", join(root, "missing-tax")]],
    ["taxonomy stats invalid index.json", ["taxonomy", "stats", "--dir", taxBadIndex]],
    ["dashboard missing dir", ["dashboard", join(root, "missing-run")]],
    ["dashboard --interval 1", ["dashboard", liveRun, "--interval", "1"]],
    ["dashboard --width 10", ["dashboard", liveRun, "--width", "10"]],
    ["demo --per-country 0", ["demo", "--per-country", "0", "--out", o()]],
    ["demo --per-country 5000", ["demo", "--per-country", "5000", "--out", o()]],
  ];
};

/** every file under `path` with its bytes (or "absent") */
function snapshot(path: string): string {
  if (!existsSync(path)) return "absent";
  if (!statSync(path).isDirectory()) return `file:${readFileSync(path, "base64")}`;
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}${name}/`);
      else out.push(`${rel}${name}=${readFileSync(full, "base64")}`);
    }
  };
  walk(path, "");
  return out.join("\n");
}

/** the --out of argv, if any */
function outOf(argv: string[]): string | undefined {
  const i = argv.indexOf("--out");
  return i >= 0 ? argv[i + 1] : undefined;
}

const table = cases();

describe("bad inputs across every command", () => {
  it("covers at least 60 bad inputs", () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table)("%s → exit 2, one line, no stack, --out untouched", async (_label, argv, existing) => {
    const out = existing ?? outOf(argv);
    const before = out !== undefined && out !== "" ? snapshot(out) : undefined;
    const r = await cli(argv);
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    expect({ code: r.code, lines }).toMatchObject({ code: 2, lines: [expect.stringMatching(/^deeppersona/)] });
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
    if (out !== undefined && out !== "") expect(snapshot(out)).toBe(before);
  });
});
