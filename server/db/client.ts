import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";

/**
 * The one database client of the process. Services do not use it for workspace data directly:
 * they go through `scopedDb` (server/db/scoped.ts), which confines every query to one workspace.
 */
function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start Trellis with `npm start`, which provides it.");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

const globalForPrisma = globalThis as typeof globalThis & { trellisPrisma?: PrismaClient };

/** Created on first use, so importing this module never connects to anything. */
export function db(): PrismaClient {
  globalForPrisma.trellisPrisma ??= createClient();
  return globalForPrisma.trellisPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.trellisPrisma?.$disconnect();
  globalForPrisma.trellisPrisma = undefined;
}

export { Prisma } from "@/server/db/generated/client";
export type { PrismaClient } from "@/server/db/generated/client";
