// the one place that knows which characters of untrusted text (model output, server messages,
// input files) can act on a terminal or a renderer: escape sequences (CSI, OSC such as window
// titles, DCS…), C0/C1 control bytes (NUL, BEL, backspace, carriage return…), DEL and the
// bidirectional overrides used to disguise text ("trojan source"). every sink sanitiser builds on it.

/** ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (… up to BEL or ESC \), or ESC + one char */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_]|.)?|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d-\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u009c|\u001b\\)?/gs;
/** C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** the same plus tab and newline */
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export interface StripControlOptions {
  /** keep newlines and tabs (default true); false turns each into a space */
  keepLines?: boolean;
}

/** untrusted text with every escape sequence and control character removed (newlines/tabs kept unless keepLines is false) */
export function stripControl(text: string, options: StripControlOptions = {}): string {
  const withoutSequences = text.replace(ESCAPE_SEQUENCE, "");
  if (options.keepLines === false) return withoutSequences.replace(/\r\n|[\r\n\t]/g, " ").replace(CONTROL_OR_BREAK, "");
  return withoutSequences.replace(/\r\n/g, "\n").replace(CONTROL, "");
}
