// runDiscussion (the library's discussion run) makes the same run as `discuss` with the same spec:
// offline, turns, measures and metrics are identical but for the run id.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDiscussion } from "../scenarios/discussion/run-discussion.js";
import { UsageError } from "../core/errors.js";
import { cli, writeTestPersonas } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const tmp = tempDir("deeppersona-run-discussion-");
const personasFile = join(tmp, "personas.jsonl");
const personas = writeTestPersonas(personasFile, { KEN: "Kenya" }, 4);
const TOPIC = "Should my town ban cars from the centre?";
const TREATMENT = "Moderator: a study found the ban cut asthma admissions by 20%.";

// the run id hashes what was asked, and the command also records its --personas file: ids differ
const runIdOf = (dir: string) => (readJson(dir, "manifest.json") as { run_id: string }).run_id;
const comparable = (dir: string, file: string) => readFileSync(join(dir, file), "utf8").replaceAll(JSON.stringify(runIdOf(dir)), '"RUN"');

describe("runDiscussion", () => {
  it("writes the same run as `discuss` for the same spec", async () => {
    const cliDir = join(tmp, "cli");
    const libDir = join(tmp, "lib");
    const res = await cli(argv`discuss --personas ${personasFile} --topic ${TOPIC} --treatment ${TREATMENT} --measure Q46
      --group-size 2 --rounds 1 --seed 3 --out ${cliDir}`);
    expect(res.code).toBe(0);
    const out = await runDiscussion({
      personas,
      topic: TOPIC,
      treatment: TREATMENT,
      measure: ["Q46"],
      spec: { groupSize: 2, rounds: 1 },
      seed: 3,
      out: libDir,
    });
    expect(out.status).toBe("complete");
    expect(out.files?.metrics).toBe(join(libDir, "metrics.json"));
    for (const file of ["personas.jsonl", "turns.jsonl", "measures.jsonl", "metrics.json"])
      expect(comparable(libDir, file), file).toBe(comparable(cliDir, file));
    expect(readFileSync(join(libDir, "turns.jsonl"), "utf8").trim().split("\n")).toHaveLength(4); // 2 groups × 2 speakers × 1 round
  }, 60_000);

  it("rejects a treatment arm without a treatment message before writing anything", async () => {
    await expect(
      runDiscussion({ personas, topic: TOPIC, measure: ["Q46"], spec: { arms: ["control", "treatment"] }, out: join(tmp, "bad") }),
    ).rejects.toThrow(/treatment arm needs `treatment`/);
    await expect(runDiscussion({ personas, topic: TOPIC, out: join(tmp, "bad") })).rejects.toThrow(UsageError);
    expect(() => readFileSync(join(tmp, "bad", "manifest.json"))).toThrow();
  });
});
