/**
 * The stored columns that name a registered server and say how to reach it. Connections
 * (entries.ts) and API summaries (to-summary.ts) read them alike; each adds its own columns
 * (ciphertexts for one, only secret names for the other) so a summary still cannot select a secret.
 */
export const SERVER_COLUMNS = {
  name: true,
  description: true,
  transport: true,
  command: true,
  args: true,
  cwd: true,
  url: true,
} as const;

export type ServerColumnsRow = {
  name: string;
  description: string;
  transport: "stdio" | "http" | "sse";
  command: string | null;
  args: string[];
  cwd: string | null;
  url: string | null;
};

/** How a stdio server is started; no working folder when none was set. */
export function stdioLaunch(row: ServerColumnsRow) {
  return { command: row.command ?? "", args: row.args, ...(row.cwd === null ? {} : { cwd: row.cwd }) };
}
