// an instrument named on the command line: a shipped id (wvs | bigfive | bfi44) or a path to a
// questionnaire of your own (.yaml, .yml or .json; see custom-questionnaire-schema.ts).
import { isAbsolute, resolve } from "node:path";
import type { Instrument } from "./instrument-schema.js";
import { isInstrumentId, loadInstrument } from "./load-instrument.js";
import { loadQuestionnaireFile } from "./load-questionnaire-file.js";

/** true when the argument names a file rather than a shipped instrument id */
export function looksLikeFile(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(ya?ml|json)$/i.test(arg);
}

export function resolveInstrument(cwd: string, arg: string): Instrument {
  if (!isInstrumentId(arg) && looksLikeFile(arg)) return loadQuestionnaireFile(isAbsolute(arg) ? arg : resolve(cwd, arg));
  return loadInstrument(arg);
}
