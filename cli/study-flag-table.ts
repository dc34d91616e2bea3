// the README's table of the scenario commands' flags and defaults, generated from the option
// specs (scripts/flag-table.ts prints it; test/readme-flags.test.ts keeps README.md in step).
import type { OptionSpec } from "./command.js";
import { command as surveyRun } from "./commands/survey-run.js";
import { command as discuss } from "./commands/discuss.js";
import { command as stress } from "./commands/stress.js";

export function studyFlagTable(commands: { name: string; options: Record<string, OptionSpec> }[]): string {
  const flags: string[] = [];
  for (const c of commands) for (const name of Object.keys(c.options)) if (!flags.includes(name)) flags.push(name);
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const lines = [
    `| flag | ${commands.map((c) => `\`${c.name}\``).join(" | ")} | what |`,
    `|---|${commands.map(() => "---|").join("")}---|`,
  ];
  for (const flag of flags) {
    const specs = commands.map((c) => c.options[flag]);
    const first = specs.find((s) => s !== undefined) as OptionSpec;
    const shown = specs.map((s) => (s === undefined ? "–" : s.default !== undefined ? `\`${String(s.default)}\`` : "✓"));
    lines.push(
      `| \`--${flag}\`${first.valueName ? ` ${cell(first.valueName)}` : ""} | ${shown.join(" | ")} | ${cell(first.description)} |`,
    );
  }
  return lines.join("\n");
}

/** the table for survey run, discuss and stress */
export function scenarioFlagTable(): string {
  return studyFlagTable([surveyRun, discuss, stress]);
}
