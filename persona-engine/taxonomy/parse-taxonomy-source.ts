// parses the indented source format (data/taxonomy/README.md) into a category tree.
// syntax problems are collected with file:line locations; semantic rules run in validateTaxonomy.
import { VALUE_KINDS, type TaxonomyNode, type TaxonomyProblem, type ValueKind } from "./taxonomy-schema.js";

const LINE_RE = /^(?<name>[^[]*?)\s*(?:\[(?<kind>[^\]:]+)(?::\s*(?<detail>[^\]]*))?\])?\s*(?:::\s*(?<desc>.*))?$/;

export interface ParsedTaxonomySource {
  category: TaxonomyNode | undefined;
  problems: TaxonomyProblem[];
}

export function parseTaxonomySource(text: string, fileLabel = "source"): ParsedTaxonomySource {
  const problems: TaxonomyProblem[] = [];
  const stack: { node: TaxonomyNode; level: number }[] = [];
  let category: TaxonomyNode | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const where = `${fileLabel}:${i + 1}`;
    if (!line.trim() || line.trimStart().startsWith("#")) return;
    if (line.includes("\t")) {
      problems.push({ path: where, rule: "syntax", message: "tab in indentation (use two spaces per level)" });
      return;
    }
    const indent = line.length - line.trimStart().length;
    if (indent % 2 !== 0) {
      problems.push({ path: where, rule: "syntax", message: `indentation of ${indent} spaces is not a multiple of 2` });
      return;
    }
    const level = indent / 2;
    const m = LINE_RE.exec(line.trim());
    if (!m?.groups) {
      problems.push({ path: where, rule: "syntax", message: `cannot parse line '${line.trim()}'` });
      return;
    }
    const { name = "", kind, detail, desc } = m.groups;
    const node: TaxonomyNode = { name: name.trim() };
    if (desc?.trim()) node.description = desc.trim();
    if (kind !== undefined) {
      const k = kind.trim();
      if (!(VALUE_KINDS as readonly string[]).includes(k)) {
        problems.push({ path: where, rule: "kind", message: `unknown value kind '${k}' (known: ${VALUE_KINDS.join(", ")})` });
      } else {
        node.kind = k as ValueKind;
        if (k === "category")
          node.options = (detail ?? "")
            .split("|")
            .map((s) => s.trim())
            .filter(Boolean);
        else if (k === "quantity") {
          if (detail?.trim()) node.unit = detail.trim();
        } else if (detail?.trim()) {
          problems.push({ path: where, rule: "kind", message: `kind '${k}' takes no detail ('${detail.trim()}')` });
        }
      }
    }
    if (level === 0) {
      if (category) {
        problems.push({ path: where, rule: "syntax", message: "a second top-level line: one category per file" });
        return;
      }
      category = node;
      stack.length = 0;
      stack.push({ node, level: 0 });
      return;
    }
    while (stack.length && (stack[stack.length - 1] as { level: number }).level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent || parent.level !== level - 1) {
      problems.push({ path: where, rule: "syntax", message: `indentation jumps more than one level under its parent` });
      return;
    }
    (parent.node.children ??= []).push(node);
    stack.push({ node, level });
  });
  if (!category) problems.push({ path: fileLabel, rule: "syntax", message: "no category line (indent 0) found" });
  return { category, problems };
}
