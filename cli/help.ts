import type { CommandEntry } from "./registry.js";
import type { CommandSpec } from "./command.js";

/** one line per command: its name padded to the longest, then its summary */
function commandRows(commands: CommandEntry[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
}

export function formatTopHelp(commands: CommandEntry[], version: string): string {
  const lines = [
    `deeppersona ${version} — agent-based social simulation on deep synthetic personas`,
    "",
    "usage: deeppersona <command> [options]",
    "",
    "commands:",
    ...commandRows(commands),
    "",
    "global: --help (any command), --version",
    "models: --model offline | openai:<model> | anthropic:<model> | google:<model> | ollama:<model> | azure:<deployment>, each [@<baseURL>]",
    "        keys: OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY, AZURE_OPENAI_API_KEY (+ AZURE_OPENAI_ENDPOINT); ollama needs none",
    "run `deeppersona <command> --help` for a command's options.",
  ];
  return lines.join("\n") + "\n";
}

export function formatGroupHelp(group: string, commands: CommandEntry[]): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  return [`usage: deeppersona ${group} <subcommand> [options]`, "", ...commandRows(members), ""].join("\n");
}

export function formatCommandHelp(spec: CommandSpec): string {
  const pos = (spec.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(" ");
  const lines = [`usage: deeppersona ${spec.name}${pos ? " " + pos : ""} [options]`, "", spec.summary];
  if (spec.description) lines.push("", spec.description);
  if (spec.positionals?.length) {
    lines.push("", "arguments:");
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(24)}${p.description}`);
  }
  const opts = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` <${o.valueName ?? "value"}>` : ""}`;
    const parts = [
      ...(o.default !== undefined && o.default !== false ? [`default: ${String(o.default)}`] : []),
      ...(o.range ? [`${o.range.min}–${o.range.max}`] : []),
    ];
    const def = parts.length ? ` (${parts.join("; ")})` : "";
    return { flag, text: `${o.description}${def}` };
  });
  opts.push({ flag: "-h, --help", text: "show this help" });
  const width = Math.max(...opts.map((o) => o.flag.length)) + 2;
  lines.push("", "options:");
  for (const o of opts) lines.push(`  ${o.flag.padEnd(width)}${o.text}`);
  if (spec.examples?.length) {
    lines.push("", "examples:");
    for (const e of spec.examples) lines.push(`  ${e}`);
  }
  return lines.join("\n") + "\n";
}
