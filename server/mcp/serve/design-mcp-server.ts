import "server-only";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  CancelledNotificationSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { publicUrl } from "@/server/config/env";
import type { Design } from "@/server/designs/service";
import { MAX_RUN_INPUT_BYTES } from "@/server/runs/run-schemas";
import { callAgent, type AgentCallOutcome } from "@/server/mcp/serve/call-agent";
import { cancelCall, trackCall } from "@/server/mcp/serve/in-flight-calls";
import { publishedTools } from "@/server/mcp/serve/published-tools";

/** The arguments every served agent takes: the message it receives as its input. */
const toolArgumentsSchema = z.object({ message: z.string() });

const TOOL_INPUT_SCHEMA: Tool["inputSchema"] = {
  type: "object",
  properties: {
    message: {
      type: "string",
      description: `The message the agent receives (at most ${MAX_RUN_INPUT_BYTES / 1024} KiB); its answer comes back as text.`,
    },
  },
  required: ["message"],
  additionalProperties: false,
};

export type DesignMcpServerOptions = {
  caller: Caller;
  design: Design;
  /** Identifies the API token, so a cancel sent in another request finds this one's calls. */
  tokenHash: string;
};

/**
 * An MCP server for one request to a published design (the endpoint is stateless): `tools/list`
 * lists its public agents, `tools/call` runs one as the token's user and answers with the run's
 * output. Viewers may list the tools but a call is refused with a JSON-RPC error; an unknown
 * tool is a JSON-RPC error (InvalidParams), as MCP asks; everything that goes wrong in or
 * before the run (design errors, unusable models, the run failing or being cancelled) is a tool
 * result with `isError: true` and the reason, which the calling model can read.
 */
export function createDesignMcpServer({ caller, design, tokenHash }: DesignMcpServerOptions): Server {
  const tools = publishedTools(design.graph, design.name, design.mcp.publicAgents);
  const server = new Server(
    { name: "trellis", title: design.name, version: String(design.version) },
    {
      capabilities: { tools: {} },
      instructions: design.description.trim() || undefined,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool): Tool => ({
      name: tool.name,
      title: tool.agent,
      description: tool.description,
      inputSchema: TOOL_INPUT_SCHEMA,
      annotations: { readOnlyHint: false, openWorldHint: true },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.find((candidate) => candidate.name === request.params.name);
    if (!tool) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool "${request.params.name}". This server's tools: ${tools.map((known) => known.name).join(", ") || "none"}.`,
      );
    }
    if (!atLeast(caller.role, "editor")) {
      throw new McpError(
        ErrorCode.InvalidRequest,
        "This API token has the viewer role: viewers may list the tools but not call them. Use a token of an editor or owner.",
      );
    }
    const parsed = toolArgumentsSchema.safeParse(request.params.arguments ?? {});
    if (!parsed.success) return errorResult('The arguments must be { "message": string }.');

    // Cancelled by the client over this connection (it closed) or by a notification in another request.
    const abort = new AbortController();
    let cancelledByNotification = false;
    const forward = () => abort.abort();
    extra.signal.addEventListener("abort", forward, { once: true });
    const untrack = trackCall({ tokenHash, designId: design.id, requestId: extra.requestId }, () => {
      cancelledByNotification = true;
      abort.abort();
    });
    let outcome: AgentCallOutcome;
    try {
      outcome = await callAgent(
        caller,
        { designId: design.id, agent: tool.agent, message: parsed.data.message },
        abort.signal,
      );
    } finally {
      untrack();
      extra.signal.removeEventListener("abort", forward);
    }
    // MCP: no response to a cancelled request. Closing ends this request's stream, and the SDK
    // sends nothing for a request whose handler signal is aborted.
    if (cancelledByNotification) await server.close();
    return toResult(outcome);
  });

  server.setNotificationHandler(CancelledNotificationSchema, (notification) => {
    const requestId = notification.params.requestId;
    if (requestId !== undefined) cancelCall({ tokenHash, designId: design.id, requestId });
  });

  return server;
}

function toResult(outcome: AgentCallOutcome): CallToolResult {
  const meta = outcome.run ? { runId: outcome.run.id, runUrl: `${publicUrl()}/runs/${outcome.run.id}` } : {};
  if (outcome.ok) return { content: [{ type: "text", text: outcome.text }], _meta: meta };
  return { ...errorResult(outcome.message), _meta: meta };
}

function errorResult(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}
