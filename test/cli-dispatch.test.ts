import { describe, expect, it } from "vitest";
import { COMMANDS } from "../cli/registry.js";
import { runCliCaptured } from "./run-cli-captured.js";

const cli = (argv: string[]) => runCliCaptured(argv);

describe("cli dispatch", () => {
  it.each([
    ["command", ["nosuchcommand"], "'nosuchcommand'"],
    ["flag", ["demo", "--nosuchflag"], "--nosuchflag"],
  ])("unknown %s → one line naming it, exit 2", async (_what, argv, named) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(named);
  });

  it("suggests close command names", async () => {
    const r = await cli(["popluation", "list"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("population");
  });

  it("--version prints the package version", async () => {
    const r = await cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("--help works on every command", async () => {
    for (const c of COMMANDS) {
      const r = await cli([...c.name.split(" "), "--help"]);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout, c.name).toContain(`usage: deeppersona ${c.name}`);
    }
  });
});
