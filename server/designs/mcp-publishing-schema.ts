import { z } from "zod";
import { MAX_NODES } from "@/server/designs/graph-schema";

/**
 * Input of "publish this design as an MCP server", shared by tRPC, the REST API
 * (PUT /api/v1/designs/:id/mcp) and the editor's dialog. Whether each name is an agent of the
 * design is checked by the service, which answers with one issue per unknown name.
 */
export const mcpPublishingInput = z.strictObject({
  published: z.boolean(),
  publicAgents: z.array(z.string().min(1).max(200)).max(MAX_NODES),
});
export type McpPublishingInput = z.infer<typeof mcpPublishingInput>;

export const setMcpPublishingInput = mcpPublishingInput.extend({ id: z.string().max(100) });

/** The path a published design is served at; the full URL adds the server's public address. */
export function mcpEndpointPath(designId: string): string {
  return `/api/mcp/${designId}`;
}
