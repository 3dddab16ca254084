import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies the committed migrations (prisma migrate deploy, WebAssembly schema engine). Starting
 * the Prisma CLI takes seconds, so it is skipped when the database already has every migration.
 */
export async function migrateDatabase(databaseUrl: string, projectRoot = process.cwd()): Promise<void> {
  if ((await pendingMigrations(databaseUrl, projectRoot)).length === 0) return;
  const prismaBin = path.join(projectRoot, "node_modules", ".bin", "prisma");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(prismaBin, ["migrate", "deploy"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`Database migration failed:\n${output.join("")}`);
}

/** Committed migrations the database has not finished applying (all of them on a new database). */
export async function pendingMigrations(databaseUrl: string, projectRoot = process.cwd()): Promise<string[]> {
  const folder = path.join(projectRoot, "prisma", "migrations");
  const committed = existsSync(folder)
    ? readdirSync(folder).filter((name) => existsSync(path.join(folder, name, "migration.sql")))
    : [];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists",
    );
    if (!table.rows[0]?.exists) return committed;
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return committed.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}
