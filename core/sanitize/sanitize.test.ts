import { describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell.js";
import { escapeHtml } from "./escape-html.js";
import { escapeMarkdown, markdownSafe } from "./escape-markdown.js";
import { redactUrlCredentials } from "./redact-url-credentials.js";
import { sanitizeForTerminal } from "./sanitize-for-terminal.js";
import { stripControl } from "./strip-control.js";

const HOSTILE =
  "ok\u001b]0;pwned title\u0007 \u001b[2J\u001b[H clear\u0000nul\u0008bs\rcr \u009b31m c1 \u202eevil\u202c \u001bP1;2q dcs \u001b\\ end";

describe("stripControl / sanitizeForTerminal", () => {
  it("removes window-title, clear-screen, CSI, DCS, NUL, backspace, CR, C1 and bidi overrides", () => {
    const out = sanitizeForTerminal(HOSTILE);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out).not.toContain("pwned title");
    expect(out).toBe("ok  clearnulbscr  c1 evil  end");
  });
  it("keeps newlines and tabs unless single-line", () => {
    expect(stripControl("a\n\tb\r\nc")).toBe("a\n\tb\nc");
    expect(sanitizeForTerminal("a\nb\tc", { singleLine: true })).toBe("a b c");
  });
  it("leaves ordinary unicode alone", () => {
    expect(sanitizeForTerminal("Grüße — 日本 ✓ ≥ 5")).toBe("Grüße — 日本 ✓ ≥ 5");
  });
  it("redacts credentials in URLs", () => {
    expect(redactUrlCredentials("openai:m@https://bob:s3cret@api.example.com/v1 and http://host/x")).toBe(
      "openai:m@https://***@api.example.com/v1 and http://host/x",
    );
    expect(sanitizeForTerminal("at http://u:p@127.0.0.1:8080/v1")).toBe("at http://***@127.0.0.1:8080/v1");
  });
});

describe("escapeMarkdown / markdownSafe", () => {
  it("an inline value cannot open a tag, a link or a cell", () => {
    const out = escapeMarkdown("<script>alert(1)</script> [x](javascript:y) | *b* \u001b[31m\nnext");
    expect(out).not.toContain("<");
    expect(out).not.toContain("\n");
    expect(out).not.toContain("\u001b");
    expect(out).toBe("&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:y\\) \\| \\*b\\*  next");
  });
  it("a document keeps its markdown but loses raw HTML and control bytes", () => {
    const doc = "# Title\n\n> **banner**\n\n| a | b |\n| --- | --- |\n| <script>x</script> | \u001b]0;t\u0007ok\u0000 |\n";
    expect(markdownSafe(doc)).toBe("# Title\n\n> **banner**\n\n| a | b |\n| --- | --- |\n| &lt;script>x&lt;/script> | ok |\n");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters and drops controls", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&\u0000\u001b[2J`)).toBe("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
  });
});

describe("csvCell (OWASP CSV injection)", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["+cmd", "'+cmd"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'=1"],
  ])("neutralises %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it("leaves numbers, numeric text and plain text alone, quotes separators", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("-3")).toBe("-3");
    expect(csvCell("1.5e3")).toBe("1.5e3");
    expect(csvCell("KEN-7-0001")).toBe("KEN-7-0001");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});
