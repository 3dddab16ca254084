import { randomUUID } from "node:crypto";

type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields?: Fields): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
  /**
   * Logs an unexpected error with a fresh id and returns the id, so the answer to the user can
   * say "An error occurred" and still point an operator at the right log line.
   */
  unexpected(error: unknown, fields?: Fields): string {
    const errorId = randomUUID();
    const detail =
      error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
    write("error", "unexpected error", { errorId, ...fields, ...detail });
    return errorId;
  },
};
