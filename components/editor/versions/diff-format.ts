/** How the version comparison writes values and field paths: pure, shared by the diff view. */

const MAX_INLINE_LENGTH = 120;

/** A changed value as a reader should see it; "not set" for a field that is absent. */
export function formatDiffValue(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (typeof value === "string") return value === "" ? "empty text" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return value.length === 0 ? "none" : value.join(", ");
  }
  return JSON.stringify(value);
}

/** Long values (instructions) are shown as blocks rather than inline "before → after". */
export function isLongValue(value: unknown): boolean {
  const text = formatDiffValue(value);
  return text.length > MAX_INLINE_LENGTH || text.includes("\n");
}

/** `data.requestParams.temperature` reads as `requestParams.temperature`: every field is data. */
export function fieldLabel(path: string): string {
  return path.startsWith("data.") ? path.slice("data.".length) : path;
}
