import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { OpenMcpConnection } from "@/server/mcp/connection";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { createOpenMcpConnection } from "@/server/mcp/open-connection";
import {
  getMcpPrompt,
  promptAsText,
  readMcpResource,
  resourceAsText,
} from "@/server/mcp/prompts-and-resources";
import { MAX_ATTACHED_RESOURCE_BYTES } from "@/server/mcp/prompts-and-resources-schema";
import { EVERYTHING_SERVER, everythingStdioEntry, testMcpConfig } from "@/server/mcp/testing/test-servers";
import { createTestWorkspace } from "@/server/testing/fixtures";

/**
 * Getting a prompt (for an agent's instruction) and reading a resource (for a run's input) from
 * the real @modelcontextprotocol/server-everything over stdio, directly and through the tRPC
 * router; the conversions' refusals (binary, too large) with plain data.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-prompts-resources-"));
// Read by the router's connector (serverEnv()) at its first call, never on import.
process.env.TRELLIS_MCP_STDIO_ALLOW = process.execPath;
process.env.TRELLIS_DATA_DIR = dataDir;
process.env.TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS = "30";

let config: McpConfig;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ config, cleanup } = await testMcpConfig());
});
afterAll(async () => {
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The real connector, counting the connections it opened and the ones closed again. */
function countingConnector(): { open: OpenMcpConnection; opened: () => number; closed: () => number } {
  const real = createOpenMcpConnection(config);
  let opened = 0;
  let closed = 0;
  return {
    opened: () => opened,
    closed: () => closed,
    open: async (entry, options) => {
      const connection = await real(entry, options);
      opened += 1;
      return {
        ...connection,
        close: async () => {
          closed += 1;
          await connection.close();
        },
      };
    },
  };
}

const options = () => ({ signal: new AbortController().signal });

describe("getMcpPrompt against server-everything", () => {
  it("gives a prompt without arguments as its text, and closes the connection", async () => {
    const connector = countingConnector();
    const result = await getMcpPrompt(
      connector.open,
      everythingStdioEntry(),
      { prompt: "simple-prompt", arguments: {} },
      options(),
    );
    expect(result).toEqual({
      ok: true,
      prompt: "simple-prompt",
      messages: [{ role: "user", text: "This is a simple prompt without arguments." }],
      text: "This is a simple prompt without arguments.",
      omitted: [],
    });
    expect([connector.opened(), connector.closed()]).toEqual([1, 1]);
  });

  it("fills the arguments in", async () => {
    const result = await getMcpPrompt(
      createOpenMcpConnection(config),
      everythingStdioEntry(),
      { prompt: "args-prompt", arguments: { city: "Lyon", state: "Rhône" } },
      options(),
    );
    expect(result).toMatchObject({ ok: true, text: "What's weather in Lyon, Rhône?" });
  });

  it("joins messages by a blank line, embedded text resources included", async () => {
    const result = await getMcpPrompt(
      createOpenMcpConnection(config),
      everythingStdioEntry(),
      { prompt: "resource-prompt", arguments: { resourceType: "Text", resourceId: "2" } },
      options(),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.messages).toHaveLength(2);
    expect(result.text).toMatch(
      /^This prompt includes the Text resource with id: 2\. Please analyze the following resource:\n\nResource 2: This is a plaintext resource created at /,
    );
    expect(result.omitted).toEqual([]);
  });

  it("names the parts it leaves out (a binary resource)", async () => {
    const result = await getMcpPrompt(
      createOpenMcpConnection(config),
      everythingStdioEntry(),
      { prompt: "resource-prompt", arguments: { resourceType: "Blob", resourceId: "1" } },
      options(),
    );
    expect(result).toMatchObject({
      ok: true,
      text: "This prompt includes the Blob resource with id: 1. Please analyze the following resource:",
      omitted: ["a binary resource (demo://resource/dynamic/blob/1) in message 2"],
    });
  });

  it("answers the server's refusal (a required argument missing) as a failure, not an exception", async () => {
    const connector = countingConnector();
    const result = await getMcpPrompt(
      connector.open,
      everythingStdioEntry(),
      { prompt: "args-prompt", arguments: {} },
      options(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "refused" } });
    if (result.ok) return;
    expect(result.error.message).toContain('"everything" refused the prompt "args-prompt"');
    expect(connector.closed()).toBe(1);
  });
});

describe("readMcpResource against server-everything", () => {
  it("reads a text resource with its media type", async () => {
    const connector = countingConnector();
    const uri = "demo://resource/static/document/architecture.md";
    const result = await readMcpResource(connector.open, everythingStdioEntry(), uri, options());
    if (!result.ok) throw new Error(result.error.message);
    expect(result.contents).toHaveLength(1);
    expect(result.contents[0]).toMatchObject({ uri, mediaType: "text/markdown" });
    expect(result.contents[0]?.text).toMatch(/^# Everything Server – Architecture/);
    expect(result.bytes).toBe(Buffer.byteLength(result.contents[0]?.text ?? "", "utf8"));
    expect([connector.opened(), connector.closed()]).toEqual([1, 1]);
  });

  it("decodes a blob whose media type is text", async () => {
    const result = await readMcpResource(
      createOpenMcpConnection(config),
      everythingStdioEntry(),
      "demo://resource/dynamic/blob/3",
      options(),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.contents).toHaveLength(1);
    expect(result.contents[0]?.mediaType).toBe("text/plain");
    expect(result.contents[0]?.text).toMatch(/^Resource 3: This is a base64 blob/);
  });

  it("answers an unknown resource with the server's refusal", async () => {
    const result = await readMcpResource(
      createOpenMcpConnection(config),
      everythingStdioEntry(),
      "demo://nothing/here",
      options(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "refused" } });
  });

  it("answers a server that cannot start with the connection's failure", async () => {
    const strict = createOpenMcpConnection({ ...config, stdioAllow: [] });
    const result = await readMcpResource(strict, everythingStdioEntry(), "demo://x", options());
    expect(result).toMatchObject({ ok: false, error: { kind: "not_allowed" } });
  });
});

describe("conversions (plain data)", () => {
  it("refuses binary blobs and contents over the attachment limit", () => {
    const image = resourceAsText("file:///a.png", {
      contents: [
        { uri: "file:///a.png", mimeType: "image/png", blob: Buffer.from([137, 80]).toString("base64") },
      ],
    });
    expect(image).toEqual({
      ok: false,
      error: {
        kind: "binary",
        message: "file:///a.png is binary (image/png); only text resources can be attached to a run's input.",
      },
    });
    const notUtf8 = resourceAsText("file:///a.txt", {
      contents: [
        { uri: "file:///a.txt", mimeType: "text/plain", blob: Buffer.from([0xff, 0xfe]).toString("base64") },
      ],
    });
    expect(notUtf8).toMatchObject({ ok: false, error: { kind: "binary" } });
    const big = resourceAsText("file:///big.txt", {
      contents: [{ uri: "file:///big.txt", text: "é".repeat(MAX_ATTACHED_RESOURCE_BYTES / 2 + 1) }],
    });
    expect(big).toMatchObject({ ok: false, error: { kind: "too_large" } });
    const fits = resourceAsText("file:///fits.txt", {
      contents: [{ uri: "file:///fits.txt", text: "é".repeat(MAX_ATTACHED_RESOURCE_BYTES / 2) }],
    });
    expect(fits).toMatchObject({ ok: true, bytes: MAX_ATTACHED_RESOURCE_BYTES });
  });

  it("refuses a prompt longer than an instruction may be, and leaves out images and links", () => {
    expect(
      promptAsText("huge", {
        messages: [{ role: "user", content: { type: "text", text: "x".repeat(100_001) } }],
      }),
    ).toMatchObject({ ok: false, error: { kind: "too_large" } });
    expect(
      promptAsText("mixed", {
        messages: [
          { role: "user", content: { type: "image", data: "AA==", mimeType: "image/png" } },
          { role: "assistant", content: { type: "text", text: "Sure." } },
          { role: "user", content: { type: "resource_link", uri: "file:///x", name: "x" } },
        ],
      }),
    ).toMatchObject({
      ok: true,
      text: "Sure.",
      omitted: ["an image in message 1", "a link to file:///x in message 3"],
    });
  });
});

describe("through the tRPC router", () => {
  let team: Awaited<ReturnType<typeof createTestWorkspace>>;
  const as = (caller: (typeof team)["owner"]) => appRouter.createCaller({ caller, headers: new Headers() });

  beforeAll(async () => {
    team = await createTestWorkspace();
    await as(team.owner).mcpServers.create({
      name: "everything",
      transport: "stdio",
      command: process.execPath,
      args: [EVERYTHING_SERVER, "stdio"],
    });
  });

  it("gets a prompt and reads a resource of a registered server for an editor", async () => {
    await expect(
      as(team.editor).mcpServers.getPrompt({ name: "everything", prompt: "simple-prompt" }),
    ).resolves.toMatchObject({ ok: true, text: "This is a simple prompt without arguments." });
    const read = await as(team.editor).mcpServers.readResource({
      name: "everything",
      uri: "demo://resource/static/document/extension.md",
    });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.contents[0]?.text).toMatch(/^# Everything Server - Extension Points/);
  });

  it.each([
    [
      "FORBIDDEN",
      () => as(team.viewer).mcpServers.getPrompt({ name: "everything", prompt: "simple-prompt" }),
    ],
    ["FORBIDDEN", () => as(team.viewer).mcpServers.readResource({ name: "everything", uri: "demo://x" })],
    ["NOT_FOUND", () => as(team.editor).mcpServers.readResource({ name: "nobody", uri: "demo://x" })],
    ["BAD_REQUEST", () => as(team.editor).mcpServers.getPrompt({ name: "everything", prompt: "" })],
  ])("answers %s", async (code, attempt) => {
    const error: unknown = await attempt().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
  });
});
