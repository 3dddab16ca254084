import "server-only";
import { z } from "zod";
import { editorProcedure, memberProcedure, ownerProcedure, router } from "@/server/api/trpc";
import { openMcpConnection } from "@/server/mcp/open-connection";
import {
  inspectionPart,
  inspectRegisteredServer,
  type McpInspectionResult,
} from "@/server/mcp/registry/inspect-registered";
import {
  mcpServerByNameInput,
  mcpServerNameParamSchema,
  mcpServerUpdateSchema,
} from "@/server/mcp/registry/registry-schemas";
import {
  createMcpServer,
  deleteMcpServer,
  getMcpServer,
  listMcpServers,
  updateMcpServer,
} from "@/server/mcp/registry/service";
import type { Caller } from "@/server/auth/caller";
import { mcpServerInputSchema } from "@/server/mcp/server-entry";
import { mcpGetPromptInput, mcpReadResourceInput } from "@/server/mcp/prompts-and-resources-schema";
import { getRegisteredPrompt, readRegisteredResource } from "@/server/mcp/registered-prompts-and-resources";

function inspect(
  caller: Caller,
  name: string,
  signal: AbortSignal | undefined,
): Promise<McpInspectionResult> {
  return inspectRegisteredServer(caller, name, {
    open: openMcpConnection,
    signal: signal ?? new AbortController().signal,
  });
}

/**
 * The workspace's MCP server registry. Reading it is for every member; changing it for owners.
 * Connecting (test, tools, resources, prompts) is for editors and owners, and a failed connection
 * is an answer (`ok: false` with the failure's kind and message), not an error.
 */
export const mcpServersRouter = router({
  list: memberProcedure.query(({ ctx }) => listMcpServers(ctx.caller)),
  get: memberProcedure
    .input(mcpServerByNameInput)
    .query(({ ctx, input }) => getMcpServer(ctx.caller, input.name)),
  create: ownerProcedure
    .input(mcpServerInputSchema)
    .mutation(({ ctx, input }) => createMcpServer(ctx.caller, input)),
  update: ownerProcedure
    .input(z.strictObject({ name: mcpServerNameParamSchema, patch: mcpServerUpdateSchema }))
    .mutation(({ ctx, input }) => updateMcpServer(ctx.caller, input.name, input.patch)),
  delete: ownerProcedure.input(mcpServerByNameInput).mutation(async ({ ctx, input }) => {
    await deleteMcpServer(ctx.caller, input.name);
    return { name: input.name };
  }),
  /** "Test connection": tools, resources and prompts, or why the server could not be reached. */
  test: editorProcedure
    .input(mcpServerByNameInput)
    .mutation(({ ctx, input, signal }) => inspect(ctx.caller, input.name, signal)),
  tools: editorProcedure
    .input(mcpServerByNameInput)
    .query(async ({ ctx, input, signal }) =>
      inspectionPart(await inspect(ctx.caller, input.name, signal), "tools"),
    ),
  resources: editorProcedure
    .input(mcpServerByNameInput)
    .query(async ({ ctx, input, signal }) =>
      inspectionPart(await inspect(ctx.caller, input.name, signal), "resources"),
    ),
  prompts: editorProcedure
    .input(mcpServerByNameInput)
    .query(async ({ ctx, input, signal }) =>
      inspectionPart(await inspect(ctx.caller, input.name, signal), "prompts"),
    ),
  /**
   * One prompt, as text for an agent's instruction. A mutation: each call connects (a process
   * may start), so nothing may cache it or fetch it again on its own.
   */
  getPrompt: editorProcedure
    .input(mcpGetPromptInput)
    .mutation(({ ctx, input, signal }) =>
      getRegisteredPrompt(ctx.caller, input, { open: openMcpConnection, signal: signalOrNever(signal) }),
    ),
  /** One resource's contents as text, for a run's input (bounded; binary resources refused). */
  readResource: editorProcedure
    .input(mcpReadResourceInput)
    .mutation(({ ctx, input, signal }) =>
      readRegisteredResource(ctx.caller, input, { open: openMcpConnection, signal: signalOrNever(signal) }),
    ),
});

function signalOrNever(signal: AbortSignal | undefined): AbortSignal {
  return signal ?? new AbortController().signal;
}
