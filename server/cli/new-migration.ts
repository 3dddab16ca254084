/**
 * npm run db:migration -- NAME
 *
 * Writes prisma/migrations/<timestamp>_<NAME>/migration.sql from the difference between the schema
 * as last committed and the working schema. Prisma's JS schema engine cannot use a shadow database
 * (architecture.md), so `migrate dev` is not an option; `migrate diff` still wants a connection,
 * so a throwaway embedded PostgreSQL serves it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- NAME   (NAME in lower_snake_case)");
  process.exit(2);
}

const schemaPath = "prisma/schema.prisma";
let committedSchema: string | undefined;
try {
  committedSchema = execFileSync("git", ["show", `HEAD:${schemaPath}`], { encoding: "utf8", stdio: "pipe" });
} catch {
  committedSchema = undefined; // no commit yet: diff from an empty database
}

const from = committedSchema ? ["--from-schema-datamodel", writeTemp(committedSchema)] : ["--from-empty"];
const scratch = mkdtempSync(path.join(tmpdir(), "trellis-migration-db-"));
const database = await startEmbeddedPostgres(scratch);
let sql: string;
try {
  sql = execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "1",
        DATABASE_URL: database.url,
      },
    },
  );
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
if (!sql.trim() || sql.includes("This is an empty migration")) {
  console.error("The schema has no changes since the last commit: no migration written.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Wrote ${folder}/migration.sql`);

function writeTemp(contents: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "trellis-schema-")), "schema.prisma");
  writeFileSync(file, contents);
  return file;
}
