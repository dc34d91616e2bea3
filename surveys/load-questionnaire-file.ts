// placeholder replaced below
import { UsageError } from "../core/errors.js";
import type { Instrument } from "./instrument-schema.js";
export function loadQuestionnaireFile(file: string): Instrument {
  throw new UsageError(`questionnaire files are not supported yet: '${file}'`);
}
