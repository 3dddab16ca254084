/**
 * npm start: the whole service in one process. Validates the environment, starts the embedded
 * PostgreSQL when DATABASE_URL is unset, migrates, seeds a new installation, builds when the build
 * is missing or stale, and serves on PORT. SIGINT/SIGTERM stop everything cleanly.
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { buildApp, buildIsStale } from "@/server/cli/build-if-needed";
import { openDatabase, type DatabaseHandle } from "@/server/cli/database";
import { removeRuntimeInfo, writeRuntimeInfo } from "@/server/cli/runtime-file";
import { allowedOrigins, EnvError, parseEnv, publicUrl } from "@/server/config/env";
import { readOrCreateSecret } from "@/server/crypto/secret";
import { disconnectDb } from "@/server/db/client";
import { closePgPool } from "@/server/db/pg-pool";
import { markInterruptedRuns } from "@/server/runs/interrupted";
import { passEdge } from "@/server/security/http-edge";
import {
  DEFAULT_WORKSPACE_NAME,
  ensureWorkspace,
  ownerSignupLink,
  seedExampleDesigns,
} from "@/server/workspaces/bootstrap";

const root = process.cwd();
/** No request needs more: every route has a smaller limit of its own (1 MiB for most). */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const say = (line: string) => console.log(`[trellis] ${line}`);

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const dev = env.NODE_ENV === "development";
  const dataDir = path.resolve(env.TRELLIS_DATA_DIR);
  if (env.DATABASE_URL && !env.TRELLIS_SECRET) {
    throw new EnvError(
      "Invalid environment:\n  TRELLIS_SECRET: required when DATABASE_URL is set (every instance needs the same one; e.g. `openssl rand -base64 32`)",
    );
  }

  // Build first: it is the slow part, and it needs no database.
  if (!dev && buildIsStale(root)) {
    say("Building the app (first start or changed sources; this takes a minute or two)...");
    await buildApp(root);
  }

  const postgresLog: string[] = [];
  say(
    env.DATABASE_URL
      ? "Connecting to PostgreSQL (DATABASE_URL)..."
      : `Starting the embedded PostgreSQL in ${dataDir}...`,
  );
  const database = await openDatabase(env, {
    reuseRunningServer: false,
    log: (line) => postgresLog.push(line) > 200 && postgresLog.shift(),
  }).catch((error: unknown) => {
    if (postgresLog.length > 0) console.error(postgresLog.slice(-20).join("\n"));
    throw error;
  });
  process.env.TRELLIS_SECRET = env.TRELLIS_SECRET ?? (await readOrCreateSecret(dataDir));
  if (database.embeddedPort)
    writeRuntimeInfo(dataDir, { pid: process.pid, databasePort: database.embeddedPort });

  const interrupted = await markInterruptedRuns();
  if (interrupted > 0) say(`Marked ${interrupted} run(s) left over by the previous start as interrupted.`);

  const workspace = await ensureWorkspace(DEFAULT_WORKSPACE_NAME);
  if (workspace.created) say(`Added ${await seedExampleDesigns(workspace.id)} example designs.`);

  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const edge = {
    allowedOrigins: allowedOrigins(env),
    trustProxy: env.TRELLIS_TRUST_PROXY,
    development: dev,
    maxBodyBytes: MAX_REQUEST_BYTES,
    https: publicUrl(env).startsWith("https://"),
  };
  const server = createServer((request, response) => {
    if (passEdge(request, response, edge)) void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  installShutdown(server, database, dataDir);

  const baseUrl = publicUrl(env);
  say(`Trellis is running at ${baseUrl}`);
  const signupLink = await ownerSignupLink(workspace.id, baseUrl);
  if (signupLink) {
    say("Nobody has an account yet. Create the owner account with this one-time link:");
    say(`  ${signupLink}`);
  }
  say("Ready.");
}

function installShutdown(
  server: ReturnType<typeof createServer>,
  database: DatabaseHandle,
  dataDir: string,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, stopping...`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await disconnectDb();
    await closePgPool();
    await database.stop();
    removeRuntimeInfo(dataDir);
    say("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(`[trellis] ${error.message}`);
  else console.error("[trellis] Start failed:", error);
  process.exit(1);
});
