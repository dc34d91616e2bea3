// `deeppersona report DIR` for every run kind (offline): a survey (WVS items and Big Five), a
// discussion and a stress test each write report.md + report.html through the one builder, so
// rebuilding them gives the same bytes; the html is self-contained (no address, no script, every
// toc anchor resolves) with the summary figure first; model text is escaped; bad input exits 2
// writing nothing. when `chromium` is on PATH (Debian's package), each page is rendered headless
// with every host unresolvable: the DOM has the title, the toc targets and the summary svg with
// marks, and the net log shows no request made by the page (a control page with an <img> to a
// remote host shows the check sees one). skipped cleanly without chromium.
import { spawnSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { selfContainedProblems } from "../scenarios/report/self-contained-problems.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-report-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 8);
const INJECTED = `<script>alert(1)</script><img src=x onerror=alert(2)> see https://evil.example/x.png`;
const dirs = { survey: join(root, "survey"), bigfive: join(root, "bigfive"), discuss: join(root, "discuss"), stress: join(root, "stress") };
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const summaryOf = (html: string) =>
  html.slice(html.indexOf('<h2 id="summary">'), html.indexOf("</figure>", html.indexOf('<h2 id="summary">')));

beforeAll(async () => {
  const runs = await Promise.all([
    cli(argv`survey run --personas ${personas} --items Q45,Q46,Q57 --baseline demographics --bootstrap 50 --no-dashboard
      --out ${dirs.survey}`),
    cli(argv`survey run --instrument bigfive --personas ${personas} --mode batched --bootstrap 50 --no-dashboard
      --out ${dirs.bigfive}`),
    cli(argv`discuss --personas ${personas} --topic ${"Should my town ban cars from the centre?"}
      --treatment ${`Moderator: ${INJECTED}`} --stance ${"How strongly do you support the ban?"} --rounds 1 --bootstrap 50
      --out ${dirs.discuss}`),
    cli(argv`stress --personas ${personas} --probes medical,privacy,sycophancy --turns 1 --bootstrap 50 --out ${dirs.stress}`),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe("report DIR", () => {
  it("every run kind wrote report.md + report.html; rebuilding them in place gives the same bytes", async () => {
    for (const [kind, dir] of Object.entries(dirs)) {
      const md = read(dir, "report.md");
      const html = read(dir, "report.html");
      const r = await cli(["report", dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(join(dir, "report.html"));
      expect(read(dir, "report.md"), kind).toBe(md);
      expect(read(dir, "report.html"), kind).toBe(html);
    }
  });

  it("--out writes the same files elsewhere", async () => {
    const out = join(root, "elsewhere");
    const r = await cli(["report", dirs.stress, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(read(out, "report.html")).toBe(read(dirs.stress, "report.html"));
    expect(read(out, "report.md")).toBe(read(dirs.stress, "report.md"));
  });

  it("each page: self-contained, facts with data versions and sources, toc, the summary figure first with marks", () => {
    const expected: Record<keyof typeof dirs, { title: RegExp; figure: string }> = {
      survey: { title: /<title>Survey simulation: World Values Survey/, figure: "Fidelity per item and arm" },
      bigfive: { title: /<title>Survey simulation: IPIP/, figure: "Big Five T-scores per trait and country" },
      discuss: { title: /<title>Discussion experiment/, figure: "Opinion shift per arm and treatment effect" },
      stress: { title: /<title>Alignment stress test/, figure: "Failure rates per probe category" },
    };
    for (const [kind, dir] of Object.entries(dirs) as [keyof typeof dirs, string][]) {
      const html = read(dir, "report.html");
      expect(selfContainedProblems(html), kind).toEqual([]);
      expect(html, kind).toMatch(expected[kind].title);
      expect(html).toContain("<dt>data versions</dt>");
      expect(html).toContain("<dt>seed</dt>");
      expect(html).toContain('<nav class="toc"');
      // the summary comes before every other section
      expect(html.indexOf('<h2 id="summary">')).toBeLessThan(html.indexOf("<h2", html.indexOf('<h2 id="summary">') + 5));
      const summary = summaryOf(html);
      expect(summary, kind).toContain(expected[kind].figure);
      expect(summary.match(/<circle /g)?.length ?? 0, kind).toBeGreaterThan(0);
      expect(html).toContain("Synthetic run.");
      const md = read(dir, "report.md");
      expect(md, kind).toMatch(/^## Contents\n\n- \[/m);
      expect(md, kind).not.toContain("../shared");
    }
    // big five cites its reference by name and year, never by a path
    expect(read(dirs.bigfive, "report.html")).toMatch(/McCrae, R\. R\., &amp; Terracciano, A\. <small>\(2005\)/);
    expect(read(dirs.bigfive, "report.md")).not.toContain("../shared");
    const stress = read(dirs.stress, "report.html");
    for (const h of [
      "Results by category",
      "Disparities between persona segments",
      "Rates per persona segment",
      "Example transcripts by failure label",
    ])
      expect(stress).toContain(`>${h}</h2>`);
    expect(stress).toMatch(/<h3>country<\/h3>[\s\S]*?KEN[\s\S]*?<span class="ci">\[/);
    const discuss = read(dirs.discuss, "report.html");
    for (const h of ["Change per arm", "Treatment effects", "Answers before and after", "Transcript excerpts"])
      expect(discuss).toContain(`>${h}</h2>`);
    expect(discuss.match(/id="dist-STANCE-(control|treatment)"/g)).toHaveLength(2);
  });

  it("model and user text is escaped: no tag, no handler, no address survives", () => {
    const html = read(dirs.discuss, "report.html");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("https:&#47;&#47;evil.example/x.png");
    expect(read(dirs.discuss, "report.md")).not.toContain("<script>");
  });

  it("bad input: one line naming the directory and the fix, exit 2, nothing written", async () => {
    const missing = await cli(["report", join(root, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/is not a run directory \(no manifest\.json\)/);
    expect(existsSync(join(root, "nope"))).toBe(false);
    const unfinished = join(root, "unfinished");
    await cli(["survey", "run", "--personas", personas, "--items", "Q46", "--no-dashboard", "--out", unfinished]);
    rmSync(join(unfinished, "metrics.json"));
    rmSync(join(unfinished, "report.html"));
    const r = await cli(["report", unfinished]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no metrics\.json: the run has not finished; continue it with --resume/);
    expect(existsSync(join(unfinished, "report.html"))).toBe(false);
  });
});

const chromium = ["chromium", "chromium-browser"].find((bin) => spawnSync(bin, ["--version"], { stdio: "ignore" }).status === 0);

/** the DOM after rendering, and the urls of the requests the page itself made (net log: file:// isolation key) */
function render(file: string, tag: string): Promise<{ dom: string; pageRequests: string[] }> {
  const netLog = join(root, `net-${tag}.json`);
  const args = argv`--headless=new --disable-gpu --no-sandbox --no-first-run --disable-background-networking
    --user-data-dir=${join(root, `profile-${tag}`)} ${"--host-resolver-rules=MAP * ~NOTFOUND"} --log-net-log=${netLog}
    --dump-dom file://${file}`;
  // the DOM goes to a file: chromium's helper processes may hold a stdout pipe open after it exits
  const domFile = join(root, `dom-${tag}.html`);
  const out = openSync(domFile, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(chromium as string, args, { stdio: ["ignore", out, "ignore"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(timer);
      closeSync(out);
      const log = readJson(netLog) as { events: { params?: { url?: string; network_isolation_key?: string } }[] };
      const pageRequests = log.events.flatMap((e) =>
        e.params?.url && e.params.network_isolation_key?.startsWith("file://") && !/^(file|data):/.test(e.params.url) ? [e.params.url] : [],
      );
      resolve({ dom: readFileSync(domFile, "utf8"), pageRequests: [...new Set(pageRequests)] });
    });
  });
}

describe.skipIf(!chromium)("report.html in headless Chromium (no chromium on PATH: skipped; `apt-get install -y chromium`)", () => {
  it("renders title, toc targets and the summary svg with marks; the page requests nothing", async () => {
    const control = join(root, "control.html");
    writeFileSync(
      control,
      `<!DOCTYPE html><html><head><title>control</title></head><body><img src="http://canary.invalid/x.png"></body></html>`,
    );
    const pages = {
      survey: join(dirs.survey, "report.html"),
      discuss: join(dirs.discuss, "report.html"),
      stress: join(dirs.stress, "report.html"),
    };
    const [controlRun, ...runs] = await Promise.all([render(control, "control"), ...Object.entries(pages).map(([k, f]) => render(f, k))]);
    // the check sees a request when a page makes one
    expect(controlRun?.pageRequests).toEqual(["http://canary.invalid/x.png"]);
    for (const [i, kind] of Object.keys(pages).entries()) {
      const { dom, pageRequests } = runs[i] as { dom: string; pageRequests: string[] };
      expect(pageRequests, kind).toEqual([]);
      expect(dom, kind).toMatch(/<title>[^<]+<\/title>/);
      const ids = new Set([...dom.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
      const anchors = [...dom.matchAll(/<a href="#([^"]*)"/g)].map((m) => m[1]);
      expect(anchors.length, kind).toBeGreaterThan(3);
      for (const a of anchors) expect(ids.has(a), `${kind}: #${a}`).toBe(true);
      const summary = summaryOf(dom);
      expect(summary, kind).toContain("<svg");
      expect(summary.match(/<circle /g)?.length ?? 0, kind).toBeGreaterThan(0);
    }
    expect(readdirSync(root).filter((f) => f.startsWith("net-"))).toHaveLength(4);
  }, 120_000);
});
