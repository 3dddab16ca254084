import { readFileSync } from "node:fs";
import path from "node:path";
import { readRuntimeInfo } from "@/server/cli/runtime-file";
import type { ServerEnv } from "@/server/config/env";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";

export type DatabaseHandle = { url: string; embeddedPort?: number; stop: () => Promise<void> };

/**
 * The database for this process: DATABASE_URL when set; otherwise the embedded PostgreSQL of the
 * data directory, reusing the one a running server started, or starting it. Migrations applied.
 */
export async function openDatabase(
  env: ServerEnv,
  options: { reuseRunningServer: boolean; log?: (line: string) => void },
): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  let migrated = false;
  if (env.DATABASE_URL) {
    handle = { url: env.DATABASE_URL, stop: () => Promise.resolve() };
  } else {
    const dataDir = path.resolve(env.TRELLIS_DATA_DIR);
    const running = options.reuseRunningServer ? readRuntimeInfo(dataDir) : null;
    if (running) {
      const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
      const url = `postgresql://trellis:${encodeURIComponent(password)}@127.0.0.1:${running.databasePort}/trellis`;
      handle = { url, stop: () => Promise.resolve() };
      migrated = true; // the running server migrated it when it started
    } else {
      const database = await startEmbeddedPostgres(dataDir, { log: options.log });
      handle = { url: database.url, embeddedPort: database.port, stop: database.stop };
    }
  }
  process.env.DATABASE_URL = handle.url;
  try {
    if (!migrated) await migrateDatabase(handle.url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}
