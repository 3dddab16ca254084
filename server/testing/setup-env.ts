import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TRELLIS_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
