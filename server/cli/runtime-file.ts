import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** What a running server tells the CLI: where its embedded database listens. */
const runtimeSchema = z.object({ pid: z.number().int(), databasePort: z.number().int() });
export type RuntimeInfo = z.infer<typeof runtimeSchema>;

const fileOf = (dataDir: string) => path.resolve(dataDir, "runtime.json");

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  writeFileSync(fileOf(dataDir), JSON.stringify(info), { mode: 0o600 });
}

export function removeRuntimeInfo(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
}

/** The running server's info, or null when no server (alive) left one. */
export function readRuntimeInfo(dataDir: string): RuntimeInfo | null {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return null;
  const parsed = runtimeSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) return null;
  try {
    process.kill(parsed.data.pid, 0);
    return parsed.data;
  } catch {
    return null;
  }
}
