import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { publicUrl } from "@/server/config/env";
import { mcpEndpointPath, type McpPublishingInput } from "@/server/designs/mcp-publishing-schema";
import { getDesign, type Design } from "@/server/designs/service";
import { scopedDb } from "@/server/db/scoped";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/server/errors";
import { agentTools } from "@/server/mcp/serve/published-tools";
import type { NodeType } from "@/server/designs/graph-schema";

/** One agent of the saved design as the publishing settings show it. */
export type PublishableAgent = {
  name: string;
  type: NodeType;
  /** The MCP tool name it is served under when public. */
  toolName: string;
  description: string;
  public: boolean;
};

/** A design's MCP publishing settings (api.md GET/PUT /api/v1/designs/:id/mcp). */
export type McpPublishing = {
  designId: string;
  published: boolean;
  /** As stored; names no longer in the graph are kept but not served. */
  publicAgents: string[];
  /** The Streamable HTTP endpoint (Bearer API token). */
  url: string;
  /** The agents of the saved graph, in graph order. */
  agents: PublishableAgent[];
};

export async function getMcpPublishing(caller: Caller, designId: string): Promise<McpPublishing> {
  return toPublishing(await getDesign(caller, designId));
}

/**
 * Publishes (or unpublishes) a design and chooses its public agents. Every name must be an agent
 * of the saved design; the design's version does not change (publishing is not an edit of the graph).
 */
export async function setMcpPublishing(
  caller: Caller,
  designId: string,
  input: McpPublishingInput,
): Promise<McpPublishing> {
  if (!atLeast(caller.role, "editor"))
    throw new ForbiddenError("Viewers cannot change how a design is published.");
  const design = await getDesign(caller, designId);
  const known = new Set(design.graph.nodes.map((node) => node.data.name));
  const publicAgents = [...new Set(input.publicAgents)];
  const unknown = publicAgents.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `This design has no agent named ${unknown.map((name) => `"${name}"`).join(", ")}.`,
      unknown.map((name) => ({
        code: "unknown_agent",
        message: `There is no agent named "${name}" in this design.`,
        path: ["publicAgents", input.publicAgents.indexOf(name)],
      })),
    );
  }
  const { count } = await scopedDb(caller).design.updateMany({
    where: { id: design.id },
    data: { mcpPublished: input.published, mcpPublicAgents: publicAgents },
  });
  if (count === 0) throw new NotFoundError("Design");
  return toPublishing({ ...design, mcp: { published: input.published, publicAgents } });
}

/**
 * The design behind an MCP endpoint, or null when the caller's workspace has no such design or
 * it is not published: the endpoint answers both alike, so nobody learns which designs exist.
 */
export async function findPublishedDesign(caller: Caller, designId: string): Promise<Design | null> {
  try {
    const design = await getDesign(caller, designId);
    return design.mcp.published ? design : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export function mcpEndpointUrl(designId: string): string {
  return `${publicUrl()}${mcpEndpointPath(designId)}`;
}

function toPublishing(design: Design): McpPublishing {
  const isPublic = new Set(design.mcp.publicAgents);
  return {
    designId: design.id,
    published: design.mcp.published,
    publicAgents: design.mcp.publicAgents,
    url: mcpEndpointUrl(design.id),
    agents: agentTools(design.graph, design.name).map((tool) => ({
      name: tool.agent,
      type: tool.type,
      toolName: tool.name,
      description: tool.description,
      public: isPublic.has(tool.agent),
    })),
  };
}
