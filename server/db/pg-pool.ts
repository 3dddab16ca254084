import "server-only";
import pg from "pg";

/**
 * A plain node-postgres pool for the one hot path where Prisma's per-query overhead shows: writing
 * run events (see bench/RESULTS.md). Everything else goes through Prisma.
 */
const globalForPool = globalThis as typeof globalThis & { trellisPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.trellisPgPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error("DATABASE_URL is not set: start Trellis with `npm start`, which provides it.");
    globalForPool.trellisPgPool = new pg.Pool({ connectionString, max: 5 });
  }
  return globalForPool.trellisPgPool;
}

export async function closePgPool(): Promise<void> {
  await globalForPool.trellisPgPool?.end();
  globalForPool.trellisPgPool = undefined;
}
