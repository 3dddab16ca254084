import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { McpConnectionError, type McpConnection, type OpenMcpConnection } from "@/server/mcp/connection";
import { inspectMcpServer } from "@/server/mcp/inspect";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { createOpenMcpConnection } from "@/server/mcp/open-connection";
import {
  everythingStdioEntry,
  FILESYSTEM_SERVER,
  fixtureEntry,
  stdioEntry,
  testMcpConfig,
} from "@/server/mcp/testing/test-servers";

let config: McpConfig;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ config, cleanup } = await testMcpConfig());
});
afterAll(async () => {
  await cleanup();
});

/** The real connector, remembering every connection it opened and whether it was closed. */
function recordingConnector(): {
  open: OpenMcpConnection;
  opened: Array<{ connection: McpConnection; closed: boolean }>;
} {
  const real = createOpenMcpConnection(config);
  const opened: Array<{ connection: McpConnection; closed: boolean }> = [];
  return {
    opened,
    open: async (entry, options) => {
      const connection = await real(entry, options);
      const record = { connection, closed: false };
      opened.push(record);
      return {
        ...connection,
        client: connection.client,
        close: async () => {
          record.closed = true;
          await connection.close();
        },
      };
    },
  };
}

const signal = () => new AbortController().signal;

describe("inspectMcpServer", () => {
  it("lists the tools, resources and prompts of server-everything and closes the connection", async () => {
    const { open, opened } = recordingConnector();
    const inspection = await inspectMcpServer(open, everythingStdioEntry(), { signal: signal() });
    const echo = inspection.tools.find((tool) => tool.name === "echo");
    expect(echo?.description).toBeTruthy();
    expect(echo?.inputSchema.type).toBe("object");
    expect(Object.keys(echo?.inputSchema.properties ?? {})).toContain("message");
    expect(inspection.resources.length).toBeGreaterThan(0);
    for (const resource of inspection.resources) {
      expect(resource.uri).toMatch(/^[a-z]+:/);
      expect(resource.name).toBeTruthy();
    }
    expect(inspection.prompts.length).toBeGreaterThan(0);
    expect(inspection.prompts.some((prompt) => (prompt.arguments ?? []).length > 0)).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.closed).toBe(true);
  });

  it("follows pagination cursors", async () => {
    const inspection = await inspectMcpServer(createOpenMcpConnection(config), fixtureEntry(), {
      signal: signal(),
    });
    expect(inspection.resources).toHaveLength(25);
    expect(inspection.resources[0]).toEqual({
      uri: "fixture://readme",
      name: "readme",
      description: "A short text resource.",
      mimeType: "text/plain",
    });
    expect(inspection.resources.at(-1)).toEqual({ uri: "fixture://notes/24", name: "note 24" });
    expect(inspection.prompts).toEqual([
      {
        name: "greet",
        description: "Greets someone.",
        arguments: [{ name: "name", required: true }],
      },
    ]);
  });

  it("gives empty lists for what a server does not offer", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "trellis-inspect-"));
    try {
      const inspection = await inspectMcpServer(
        createOpenMcpConnection(config),
        stdioEntry("files", [FILESYSTEM_SERVER, folder]),
        { signal: signal() },
      );
      expect(inspection.tools.map((tool) => tool.name)).toContain("list_directory");
      expect(inspection.prompts).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("fails with the connection's error and opens nothing for an unlisted command", async () => {
    const strict = createOpenMcpConnection({ ...config, stdioAllow: [] });
    const error = await inspectMcpServer(strict, fixtureEntry(), { signal: signal() }).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("not_allowed");
  });

  it("times out, and the server it started is gone", async () => {
    const { open, opened } = recordingConnector();
    const error = await inspectMcpServer(open, fixtureEntry({ env: { FIXTURE_STALL_LISTS: "1" } }), {
      signal: signal(),
      timeoutMs: 1000,
    }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("timeout");
    expect((error as McpConnectionError).message).toBe(
      '"fixture" did not list its tools, resources and prompts within 1 s.',
    );
    expect(opened[0]?.closed).toBe(true);
  });

  it("stops when the asker goes away", async () => {
    const controller = new AbortController();
    const pending = inspectMcpServer(
      createOpenMcpConnection(config),
      fixtureEntry({ env: { FIXTURE_STALL_LISTS: "1" } }),
      { signal: controller.signal },
    ).catch((reason: unknown) => reason);
    setTimeout(() => controller.abort(), 300);
    const error = await pending;
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("closed");
  });
});
