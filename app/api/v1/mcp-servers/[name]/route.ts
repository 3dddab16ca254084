import { json, noContent, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { mcpServerUpdateSchema } from "@/server/mcp/registry/registry-schemas";
import { deleteMcpServer, getMcpServer, updateMcpServer } from "@/server/mcp/registry/service";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getMcpServer(caller, params.name ?? "")),
);

export const PUT = restRoute("owner", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, mcpServerUpdateSchema);
  return json(await updateMcpServer(caller, params.name ?? "", input));
});

export const DELETE = restRoute("owner", async ({ caller, params }) => {
  await deleteMcpServer(caller, params.name ?? "");
  return noContent();
});
