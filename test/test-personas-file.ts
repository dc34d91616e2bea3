// writeTestPersonas into `file`, returning the path: `const personas = testPersonasFile(join(root, "p.jsonl"), { KEN: "Kenya" }, 3)`.
import { writeTestPersonas } from "./survey-cli.js";

export function testPersonasFile(file: string, countries: Record<string, string>, perCountry: number): string {
  writeTestPersonas(file, countries, perCountry);
  return file;
}
