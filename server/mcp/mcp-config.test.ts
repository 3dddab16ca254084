import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/server/config/env";
import { mcpConfigFromEnv } from "@/server/mcp/mcp-config";

describe("MCP configuration", () => {
  it("allows nothing by default", () => {
    const config = mcpConfigFromEnv(parseEnv({}));
    expect(config).toEqual({
      stdioAllow: [],
      allowHosts: [],
      connectTimeoutMs: 30_000,
      maxMessageBytes: 4 * 1024 * 1024,
      workRoot: path.resolve(".trellis", "mcp"),
    });
  });

  it("reads comma-separated lists, trimming blanks and empty entries", () => {
    const config = mcpConfigFromEnv(
      parseEnv({
        TRELLIS_MCP_STDIO_ALLOW: " node, /usr/bin/uvx ,,",
        TRELLIS_MCP_ALLOW_HOSTS: "Intranet.Example:8443, 10.0.0.5,[::1]:9000,::1",
        TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS: "5",
        TRELLIS_MCP_MAX_MESSAGE_BYTES: "65536",
        TRELLIS_DATA_DIR: "/var/lib/trellis",
      }),
    );
    expect(config).toEqual({
      stdioAllow: ["node", "/usr/bin/uvx"],
      allowHosts: ["intranet.example:8443", "10.0.0.5", "[::1]:9000", "::1"],
      connectTimeoutMs: 5000,
      maxMessageBytes: 65_536,
      workRoot: "/var/lib/trellis/mcp",
    });
  });

  it.each([
    ["TRELLIS_MCP_ALLOW_HOSTS", { TRELLIS_MCP_ALLOW_HOSTS: "http://intranet/" }],
    ["TRELLIS_MCP_ALLOW_HOSTS", { TRELLIS_MCP_ALLOW_HOSTS: "host name" }],
    ["TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS", { TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS: "0" }],
    ["TRELLIS_MCP_MAX_MESSAGE_BYTES", { TRELLIS_MCP_MAX_MESSAGE_BYTES: "10" }],
  ])("stops with a message naming %s", (name, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`${name}`));
  });
});
