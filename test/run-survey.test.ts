// runSurvey (the library's survey run) makes the same run as `survey run` with the same spec:
// offline, personas, responses and metrics are identical in full but for the run id (the
// directory name).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSurvey } from "../scenarios/survey/run-survey.js";
import { UsageError } from "../core/errors.js";
import { cli, TEST_CACHE_DIR } from "./survey-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const tmp = tempDir("deeppersona-run-survey-");

const comparable = (dir: string, file: string) =>
  readFileSync(join(dir, file), "utf8").replaceAll(JSON.stringify(dir.split("/").pop()), '"RUN"');

describe("runSurvey", () => {
  it("writes the same run as `survey run` for the same spec", async () => {
    const cliDir = join(tmp, "cli");
    const libDir = join(tmp, "lib");
    const res = await cli(argv`survey run --countries KEN --per-country 2 --items Q45,Q46 --baseline demographics --seed 4
      --attributes 30 --no-dashboard --out ${cliDir}`);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    const out = await runSurvey({
      countries: ["KEN"],
      perCountry: 2,
      items: ["Q45", "Q46"],
      arms: ["deep", "demographics"],
      seed: 4,
      attributes: 30,
      cacheDir: TEST_CACHE_DIR,
      out: libDir,
    });
    expect(out.status).toBe("complete");
    expect(out.files?.metrics).toBe(join(libDir, "metrics.json"));
    expect(out.metrics?.kind).toBe("item-distributions");
    for (const file of ["personas.jsonl", "responses.jsonl", "metrics.json"])
      expect(comparable(libDir, file), file).toBe(comparable(cliDir, file));
    const rows = readFileSync(join(libDir, "responses.jsonl"), "utf8").trim().split("\n");
    expect(rows).toHaveLength(2 * 2 * 2); // personas × arms × items
  }, 60_000);

  it("rejects a survey without personas before writing anything", async () => {
    await expect(runSurvey({ items: ["Q45"], out: join(tmp, "none") })).rejects.toBeInstanceOf(UsageError);
    expect(() => readFileSync(join(tmp, "none", "manifest.json"))).toThrow();
  });
});
