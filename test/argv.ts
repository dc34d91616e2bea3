// a command line as an argv array, for cli tests: argv`survey run --personas ${file} --out run-${n}`.
// the literal text is split on white space (line breaks included); an interpolated value is never
// split (a path or a text with spaces stays one argument) and joins the literal text it touches;
// an array value is spread, one argument per element.
export function argv(strings: TemplateStringsArray, ...values: unknown[]): string[] {
  const out: string[] = [];
  let token: string | undefined;
  const flush = () => {
    if (token !== undefined) out.push(token);
    token = undefined;
  };
  strings.forEach((text, i) => {
    text.split(/\s+/).forEach((part, j) => {
      if (j > 0) flush();
      if (part) token = (token ?? "") + part;
    });
    if (i === values.length) return;
    const value = values[i];
    if (Array.isArray(value)) {
      flush();
      out.push(...value.map(String));
    } else token = (token ?? "") + String(value);
  });
  flush();
  return out;
}
