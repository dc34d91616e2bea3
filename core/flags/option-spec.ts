// a command-line flag: its type, help text and default. declared next to what it sets (a
// scenario's flags in its folder, the run and model flags in cli/); the cli parses argv with them.
export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  short?: string;
  /** shown in help as the value placeholder, e.g. "ISO3" */
  valueName?: string;
  default?: string | boolean;
  multiple?: boolean;
  /**
   * the accepted integers of a count or size flag, inclusive: run-cli rejects anything else (a
   * non-integer, a negative number, 1e12) with one line and exit 2 before the command runs, and
   * --help shows the range
   */
  range?: { min: number; max: number };
}
