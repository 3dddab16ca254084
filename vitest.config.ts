import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

/**
 * Two projects, picked by file name so nobody has to remember an environment comment:
 * - "node": server, route and pure component logic tests (`*.test.ts`), against one embedded
 *   PostgreSQL started by the global setup.
 * - "dom": rendered component tests (`*.test.tsx`) in happy-dom. They never touch
 *   the database, so they skip the PostgreSQL start-up and begin in a second or two.
 * The global setup sits on the node project only: vitest runs the root config's global setup
 * whatever is selected, and a project's only when one of its files runs.
 */
export default defineConfig({
  resolve: {
    alias: [
      // Tests are server code: the client-bundle guard does not apply (see server/runtime).
      { find: /^server-only$/, replacement: `${root}server/runtime/server-only-noop.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["server/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
          // One embedded PostgreSQL for the whole run; each test file works in workspaces of its own.
          globalSetup: ["./server/testing/global-setup.ts"],
          setupFiles: ["./server/testing/setup-env.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          environment: "happy-dom",
          include: ["components/**/*.test.tsx", "app/**/*.test.tsx"],
          setupFiles: ["./components/testing/dom-setup.ts"],
        },
      },
    ],
  },
});
