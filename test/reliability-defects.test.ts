// issue 14, defects 1–8 end to end through the cli (in-process): each test failed on main.
//   1 --force on a folder with a foreign manifest.json · 3 --count 1e12 · 4 model/server text on
//   the terminal · 5 model text in report.md · 6 CSV formula injection · 7 --personas input
//   (torn last line, duplicate ids, invalid UTF-8, --skip-invalid counted) · 8 taxonomy mine
//   --out <existing folder> checked before any model work.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import type { ChatBody } from "./fake-openai-completion.js";
import { testPersona } from "./fixtures/test-persona.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { suiteServer } from "./suite-server.js";
import { testPersonasFile } from "./test-personas-file.js";
import { chatReply } from "./chat-reply.js";

// end-to-end runs on a shared, loaded machine: generous per-test time (no timing is asserted)
vi.setConfig({ testTimeout: 120_000 });

const root = tempDir("dp-defects-");
const srv = suiteServer(() => startFakeOpenAIServer());

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = "Hi\u001b]0;pwned-title\u0007\u001b[2J\u001b[H <script>alert(1)</script> \u0000nul";
const personasFile = (name: string, countries: Record<string, string> = { KEN: "Kenya" }, n = 3): string =>
  testPersonasFile(join(root, `${name}.jsonl`), countries, n);
const lines = (text: string) => text.split("\n").filter(Boolean);

describe("defect 1: --force never empties a folder that is not this tool's run", () => {
  it("a folder with a browser-extension manifest.json, src/ and notes.txt is refused and untouched", async () => {
    const dir = join(root, "extension");
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ manifest_version: 3, name: "ext" }));
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const r = await cli(argv`survey run --instrument wvs --personas ${personasFile("p1")} --items Q46 --force --out ${dir}`);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `deeppersona survey run: refusing to clear '${dir}' with --force: its manifest.json is not a deeppersona run manifest; choose another --out`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "notes.txt", "src"]);
  });
});

describe("defect 3: count and size flags have upper bounds", () => {
  it("--count 1e12 and a huge --per-country are one-line errors, nothing written", async () => {
    const out = join(root, "huge");
    for (const argv of [
      ["personas", "generate", "--country", "KEN", "--count", "1e12", "--out", out],
      ["personas", "generate", "--country", "KEN", "--count", "1000000000000", "--out", out],
      ["survey", "run", "--instrument", "wvs", "--countries", "KEN", "--per-country", "999999999", "--out", out],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/must be an integer from 1 to \d+/);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe("defect 4: model and server text never reaches the terminal raw", () => {
  it("personas show strips window-title and clear-screen escapes and NUL bytes", async () => {
    const file = join(root, "hostile-show.jsonl");
    const persona = testPersona({ id: "KEN-h-1", country: "KEN", countryName: "Kenya" });
    persona.life_story.vignettes = [{ year: 2010, title: HOSTILE, story: `story ${HOSTILE}` }];
    persona.attributes = persona.attributes.map((a) => (a.status === "filled" ? { ...a, value: HOSTILE } : a));
    writeFileSync(file, `${JSON.stringify(persona)}\n`);
    const r = await cli(["personas", "show", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Hi");
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).not.toContain("pwned-title");
  });

  it("a server error message with escape sequences is printed as one clean line", async () => {
    srv.set({
      handler: () => ({
        status: 401,
        json: { error: { message: `bad key \u001b]0;owned\u0007\u001b[2J`, type: "invalid_request_error", code: "invalid_api_key" } },
      }),
    });
    const out = join(root, "server-error");
    const r = await cli(argv`survey run --instrument wvs --personas ${personasFile("p4")} --items Q46
      --model openai:fake@${srv.url} --out ${out}`);
    srv.reset();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad key"); // the server's words are shown …
    expect(r.stderr).not.toMatch(CONTROL); // … without their escape sequences
    expect(r.stderr).not.toContain("owned");
  });

  it("credentials in a base URL are never echoed", async () => {
    const url = srv.url.replace("http://", "http://alice:s3cret@");
    const out = join(root, "creds");
    const r = await cli(argv`survey run --instrument wvs --personas ${personasFile("p4b", { KEN: "Kenya" }, 1)} --items Q46
      --model openai:fake@${url} --out ${out}`);
    expect(`${r.stdout}${r.stderr}`).not.toContain("s3cret");
    if (existsSync(join(out, "manifest.json"))) expect(readFileSync(join(out, "manifest.json"), "utf8")).not.toContain("s3cret");
  });
});

describe("defect 5: model text in report.md is escaped", () => {
  it("discuss: turns holding <script> and escape bytes land in report.md without them", async () => {
    srv.set({
      handler: (req) => {
        const body = req.body as ChatBody & { messages: { content: string }[] };
        if (req.path !== "/v1/chat/completions" || !body.messages.some((m) => String(m.content).includes("It is your turn to speak")))
          return undefined;
        return chatReply(body, `I think ${HOSTILE} so`, 5);
      },
    });
    const out = join(root, "discuss-hostile");
    const r = await cli(argv`discuss --personas ${personasFile("p5", { KEN: "Kenya" }, 8)} --topic Cars? --treatment Fact.
      --measure Q46 --rounds 1 --model openai:fake@${srv.url} --out ${out}`);
    srv.reset();
    expect(r.code, r.stderr).toBe(0);
    const turns = readFileSync(join(out, "turns.jsonl"), "utf8");
    expect(turns).toContain("<script>"); // the record keeps the model's words …
    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toContain("I think Hi"); // … the report shows them …
    expect(report).not.toContain("<script>"); // … escaped
    expect(report).not.toMatch(CONTROL);
    expect(r.stdout).not.toMatch(CONTROL);
  });
});

describe("defect 6: CSV formula injection", () => {
  it("a persona id like =HYPERLINK(…) is written to responses.csv as text", async () => {
    const file = join(root, "formula.jsonl");
    const evil = '=HYPERLINK("http://evil.example","click")';
    writeFileSync(
      file,
      `${JSON.stringify(testPersona({ id: evil, country: "KEN", countryName: "Kenya" }))}\n${JSON.stringify(testPersona({ id: "@SUM(A1)", country: "KEN", countryName: "Kenya" }))}\n`,
    );
    const out = join(root, "formula");
    const r = await cli(["survey", "run", "--instrument", "wvs", "--personas", file, "--items", "Q46", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    // the long table (responses.csv) and the wide one (responses-wide.csv) both carry the ids
    for (const name of ["responses.csv", "responses-wide.csv"]) {
      const text = readFileSync(join(out, name), "utf8");
      expect(text, name).toContain(`"'=HYPERLINK(""http://evil.example""`);
      expect(text, name).toContain("'@SUM(A1)");
      // no cell (at a line start or after a separator) starts a formula
      expect(
        lines(text).every((l) => !/(^|,)[=+@]/.test(l) && !/(^|,)-[^\d]/.test(l)),
        name,
      ).toBe(true);
    }
  });
});

describe("defect 9: dashboard --follow of a killed run", () => {
  it("ends when the writer is gone (its lock names a dead pid; no run-end will ever come)", async () => {
    const done = join(root, "follow-done");
    const r = await cli(argv`survey run --instrument wvs --personas ${personasFile("p9", { KEN: "Kenya" }, 2)} --items Q46
      --out ${done}`);
    expect(r.code, r.stderr).toBe(0);
    // the same run as a SIGKILLed writer leaves it: no run-end, manifest "running", a stale lock
    const killed = join(root, "follow-killed");
    cpSync(done, killed, { recursive: true });
    const events = lines(readFileSync(join(killed, "events.jsonl"), "utf8")).filter((l) => !l.includes('"run-end"'));
    writeFileSync(join(killed, "events.jsonl"), `${events.join("\n")}\n`);
    writeFileSync(
      join(killed, "manifest.json"),
      readFileSync(join(killed, "manifest.json"), "utf8").replace('"status": "complete"', '"status": "running"'),
    );
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    writeFileSync(
      join(killed, "run.lock"),
      JSON.stringify({ pid: dead, host: hostname(), started_at: "2026-01-01T00:00:00.000Z", command: "survey run" }),
    );
    const follow = await cli(["dashboard", killed, "--follow", "--interval", "10", "--width", "100"]);
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.stdout).toContain("responses");
  });
});

describe("defect 7: --personas input is read strictly", () => {
  const run = (file: string, out: string, extra: string[] = []) =>
    cli(["survey", "run", "--instrument", "wvs", "--personas", file, "--items", "Q46", "--out", out, ...extra]);

  it("a cut-off last line is an error naming file and line (was: silently dropped, 'complete' with 2 of 3)", async () => {
    const file = personasFile("torn");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.length - 40));
    const out = join(root, "torn-out");
    const r = await run(file, out);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `deeppersona survey run: ${file}:3: the last line is cut off (not valid JSON; was the file truncated?); is this a personas.jsonl file?; fix the line or pass --skip-invalid to skip bad lines`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("duplicate ids are an error naming both lines", async () => {
    const file = personasFile("dups");
    const first = lines(readFileSync(file, "utf8"))[0] as string;
    writeFileSync(file, `${readFileSync(file, "utf8")}${first}\n`);
    const r = await run(file, join(root, "dups-out"));
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`deeppersona survey run: ${file}:4: duplicate id 'KEN-t-1' (first on line 1); ids must be unique`]);
  });

  it("invalid UTF-8 is an error naming the line (was: silently replaced)", async () => {
    const file = personasFile("latin1");
    const [a, b, c] = lines(readFileSync(file, "utf8"));
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${a}\n`),
        Buffer.from((b as string).replace("Test Person", "Test Pers\u00f6n"), "latin1"),
        Buffer.from(`\n${c}\n`),
      ]),
    );
    const r = await run(file, join(root, "latin1-out"));
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `deeppersona survey run: ${file}:2: personas file is not valid UTF-8; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)`,
    ]);
  });

  it("--skip-invalid skips bad lines and counts them in the summary and the manifest", async () => {
    const file = personasFile("skip");
    writeFileSync(file, `${readFileSync(file, "utf8")}{"id": "broken"}\nnot json\n`);
    const out = join(root, "skip-out");
    const r = await run(file, out, ["--skip-invalid"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`survey run: skipped 2 invalid line(s) of ${file} (--skip-invalid; lines 4, 5)`);
    const manifest = readJson(out, "manifest.json") as { config: Record<string, unknown> };
    expect(manifest.config.input_skipped).toEqual({ file, lines: [4, 5], count: 2 });
    expect(lines(readFileSync(join(out, "personas.jsonl"), "utf8"))).toHaveLength(3);
  });
});

describe("defect 7: taxonomy mine --conversations is read strictly", () => {
  const fixture = join(import.meta.dirname, "fixtures", "conversations", "self-disclosure.jsonl");
  const good = lines(readFileSync(fixture, "utf8")).slice(0, 3);

  it("a torn last line is an error naming the line; --skip-invalid skips it, prints and records the count", async () => {
    const file = join(root, "conversations-torn.jsonl");
    writeFileSync(file, `${good.join("\n")}\n{"messages": [{"role": "us`);
    const out = join(root, "mined-torn.json");
    const strict = await cli(["taxonomy", "mine", "--conversations", file, "--model", "offline", "--out", out]);
    expect(strict.code).toBe(2);
    expect(lines(strict.stderr)).toHaveLength(1);
    expect(strict.stderr).toMatch(new RegExp(`^deeppersona taxonomy mine: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4: invalid JSON`));
    expect(existsSync(`${out}.run`)).toBe(false);

    const skipping = await cli(["taxonomy", "mine", "--conversations", file, "--model", "offline", "--out", out, "--skip-invalid"]);
    expect(skipping.code, skipping.stderr).toBe(0);
    expect(skipping.stderr).toContain(`taxonomy mine: skipped 1 invalid line(s) of ${file} (--skip-invalid; lines 4)`);
    const manifest = readJson(`${out}.run`, "manifest.json") as { config: Record<string, unknown> };
    expect(manifest.config.input_skipped).toEqual({ file, lines: [4], count: 1 });
  });
});

describe("defect 8: taxonomy mine --out <existing folder>", () => {
  it("is refused before any model work: exit 2, one line, no run directory, no temp file", async () => {
    const out = join(root, "mined-folder");
    mkdirSync(out);
    const conversations = join(import.meta.dirname, "fixtures", "conversations", "self-disclosure.jsonl");
    const r = await cli(["taxonomy", "mine", "--conversations", conversations, "--model", "offline", "--out", out]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `deeppersona taxonomy mine: --out '${out}' is a folder; give the file the mined tree goes to (e.g. --out ${join(out, "mined.json")})`,
    ]);
    expect(existsSync(`${out}.run`)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });
});
