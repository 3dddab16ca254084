import { handleMcpRequest, methodNotAllowed } from "@/server/mcp/serve/handle-mcp-request";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** A published design as an MCP server (Streamable HTTP, stateless, Bearer API token). */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const { designId } = await context.params;
  return handleMcpRequest(request, typeof designId === "string" ? designId : "");
}

export const GET = methodNotAllowed;
export const DELETE = methodNotAllowed;
