/**
 * Where to go after signing in: only a path on this site ("/sign-up?token=…"). A full URL, a
 * protocol-relative "//host" or a backslash trick ("/\host", which browsers read as "//host")
 * would make the sign-in page an open redirect, so those give null.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  if ([...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) {
    return null;
  }
  const base = "http://trellis.invalid";
  const resolved = new URL(value, base);
  return resolved.origin === base ? `${resolved.pathname}${resolved.search}${resolved.hash}` : null;
}
