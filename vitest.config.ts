import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // Tests are server code: the client-bundle guard does not apply (see server/runtime).
      { find: /^server-only$/, replacement: `${root}server/runtime/server-only-noop.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.{ts,tsx}", "app/**/*.test.ts"],
    // One embedded PostgreSQL for the whole run; each test file works in workspaces of its own.
    globalSetup: ["./server/testing/global-setup.ts"],
    setupFiles: ["./server/testing/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
