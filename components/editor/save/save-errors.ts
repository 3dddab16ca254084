/** Reading tRPC errors of designs.update without depending on the server's types. */

type ErrorLike = { message?: unknown; data?: unknown };

function dataOf(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const data = (error as ErrorLike).data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** The server's current version when the save was refused as stale (409 CONFLICT). */
export function conflictVersionOf(error: unknown): number | undefined {
  const data = dataOf(error);
  if (data?.code !== "CONFLICT") return undefined;
  const details = data.details;
  if (typeof details !== "object" || details === null) return undefined;
  const version = (details as Record<string, unknown>).currentVersion;
  return typeof version === "number" ? version : undefined;
}

/** A sentence for the person: the server's message, with the first detailed issue if any. */
export function describeSaveError(error: unknown): string {
  const message =
    typeof error === "object" && error !== null && typeof (error as ErrorLike).message === "string"
      ? ((error as ErrorLike).message as string)
      : "The design could not be saved.";
  const issues = dataOf(error)?.issues;
  const first: unknown = Array.isArray(issues) ? issues[0] : undefined;
  const detail =
    typeof first === "object" && first !== null && typeof (first as ErrorLike).message === "string"
      ? ((first as ErrorLike).message as string)
      : undefined;
  return detail && detail !== message ? `${message} ${detail}` : message;
}
