import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { createMcpServer, listMcpServers } from "@/server/mcp/registry/service";
import { mcpServerInputSchema } from "@/server/mcp/server-entry";

export const GET = restRoute("viewer", async ({ caller }) => json({ servers: await listMcpServers(caller) }));

export const POST = restRoute("owner", async ({ request, caller }) => {
  const input = await readJsonBody(request, mcpServerInputSchema);
  return json(await createMcpServer(caller, input), 201);
});
