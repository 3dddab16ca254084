import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { getMcpPublishing, setMcpPublishing } from "@/server/designs/mcp-publishing";
import { mcpPublishingInput } from "@/server/designs/mcp-publishing-schema";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getMcpPublishing(caller, params.id ?? "")),
);

export const PUT = restRoute("editor", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, mcpPublishingInput);
  return json(await setMcpPublishing(caller, params.id ?? "", input));
});
