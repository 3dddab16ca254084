/**
 * Fills `{name}` placeholders in one pass, like Python's `str.format` on fast-agent's templates:
 * inserted values are never scanned again, and placeholders without a value stay as written.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? placeholder) : placeholder,
  );
}

/**
 * `json.dumps(value, separators=(",", ":"))` as Python writes it: compact, and non-ASCII
 * characters escaped (`ensure_ascii`), so prompts match fast-agent's byte for byte.
 */
export function pythonCompactJson(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** fast-agent's `format_fastagent_tag`: a self-closing tag when the content is empty. */
export function fastagentTag(
  tag: string,
  content: string | undefined,
  attributes: Record<string, string> = {},
): string {
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join("");
  const name = `fastagent:${tag}`;
  if (content === undefined || content === "") return `<${name}${attributeText} />`;
  return `<${name}${attributeText}>${content}</${name}>`;
}

/** Python's `len`: characters as code points, not UTF-16 units. */
export function pythonLength(text: string): number {
  return Array.from(text).length;
}
