/**
 * An McpSource over plain data, for component tests: the same interface the page's tRPC source
 * implements, answering from memory and recording each call, so a test can check both what the
 * person sees and that nothing connected before they asked. Test support only.
 */
import type { McpFailure } from "@/server/mcp/registry/inspect-registered";
import type { McpPromptInfo, McpResourceInfo, McpToolInfo } from "@/server/mcp/inspect";
import type { McpPromptResult, McpResourceResult } from "@/server/mcp/prompts-and-resources-schema";
import type { McpServerListing, McpSource } from "../mcp-source";

export type PlainServer = {
  name: string;
  description?: string;
  tools?: McpToolInfo[];
  resources?: McpResourceInfo[];
  prompts?: McpPromptInfo[];
  /** Every connection to this server fails so. */
  failure?: McpFailure;
  /** The answer to getPrompt, by prompt name, from the arguments given. */
  promptAnswers?: Record<string, (args: Record<string, string>) => McpPromptResult>;
  /** The answer to readResource, by URI. */
  resourceAnswers?: Record<string, McpResourceResult>;
};

export type PlainMcpSource = {
  source: McpSource;
  /** "tools everything", "getPrompt everything args-prompt {...}", ... in call order. */
  calls: string[];
  /** Makes the following calls wait until the returned function is called (to see loading states). */
  hold: () => () => void;
};

function tool(name: string, description = ""): McpToolInfo {
  return { name, description, inputSchema: { type: "object" } };
}

export const tools = (...names: string[]): McpToolInfo[] =>
  names.map((name) => tool(name, `The ${name} tool.`));

export function plainMcpSource(
  servers: readonly PlainServer[],
  options: { listing?: McpServerListing } = {},
): PlainMcpSource {
  const calls: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const byName = new Map(servers.map((server) => [server.name, server]));

  async function answer<Result>(
    call: string,
    name: string,
    respond: (server: PlainServer) => Result,
  ): Promise<Result | { ok: false; error: McpFailure }> {
    calls.push(call);
    await gate;
    const server = byName.get(name);
    if (server === undefined) throw new Error(`MCP server not found: ${name}`);
    if (server.failure) return { ok: false, error: server.failure };
    return respond(server);
  }

  const source: McpSource = {
    servers: options.listing ?? {
      status: "ready",
      servers: servers.map((server) => ({ name: server.name, description: server.description ?? "" })),
    },
    tools: (name) => answer(`tools ${name}`, name, (server) => ({ ok: true, tools: server.tools ?? [] })),
    prompts: (name) =>
      answer(`prompts ${name}`, name, (server) => ({ ok: true, prompts: server.prompts ?? [] })),
    resources: (name) =>
      answer(`resources ${name}`, name, (server) => ({ ok: true, resources: server.resources ?? [] })),
    getPrompt: (input) =>
      answer(
        `getPrompt ${input.name} ${input.prompt} ${JSON.stringify(input.arguments ?? {})}`,
        input.name,
        (server): McpPromptResult =>
          server.promptAnswers?.[input.prompt]?.(input.arguments ?? {}) ?? {
            ok: false,
            error: { kind: "refused", message: `Unknown prompt ${input.prompt}` },
          },
      ),
    readResource: (input) =>
      answer(
        `readResource ${input.name} ${input.uri}`,
        input.name,
        (server): McpResourceResult =>
          server.resourceAnswers?.[input.uri] ?? {
            ok: false,
            error: { kind: "refused", message: `Unknown resource ${input.uri}` },
          },
      ),
  };

  return {
    source,
    calls,
    hold: () => {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        gate = Promise.resolve();
      };
    },
  };
}

/** A prompt answer made of plain texts, one per message (all from the user). */
export function promptTexts(prompt: string, ...texts: string[]): McpPromptResult {
  return {
    ok: true,
    prompt,
    messages: texts.map((text) => ({ role: "user", text })),
    text: texts.join("\n\n"),
    omitted: [],
  };
}
