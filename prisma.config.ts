// Prisma's native engines cannot be downloaded on our machines, so the CLI runs the WebAssembly
// schema engine through a driver adapter (architecture.md). The 7.x adapter is used here only
// because 6.19's cannot read the `name` type that `migrate deploy` queries.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-migrate-adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database).");
    return Promise.resolve(new PrismaPg({ connectionString }));
  },
});
