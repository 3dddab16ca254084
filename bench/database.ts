import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";

export type ThrowawayDatabase = {
  url: string;
  /** Stops PostgreSQL and removes its data directory; safe to call more than once. */
  stop: () => Promise<void>;
};

/**
 * A fresh embedded PostgreSQL in a temporary directory with the committed migrations applied, as
 * the unit tests' global setup makes one. The directory is removed even when starting fails.
 */
export async function startThrowawayDatabase(projectRoot: string): Promise<ThrowawayDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-bench-db-"));
  const logLines: string[] = [];
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });

  let database: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    database = await startEmbeddedPostgres(dataDir, { log: (line) => logLines.push(line) });
  } catch (error) {
    removeDir();
    throw new Error(`Starting the embedded PostgreSQL failed:\n${logLines.slice(-20).join("\n")}`, {
      cause: error,
    });
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= database.stop().finally(removeDir);
    return stopped;
  };
  try {
    await migrateDatabase(database.url, projectRoot);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: database.url, stop };
}
