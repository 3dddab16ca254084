import { json, restRoute } from "@/server/api/rest/handler";
import { openMcpConnection } from "@/server/mcp/open-connection";
import { inspectRegisteredServer } from "@/server/mcp/registry/inspect-registered";

/** "Test connection": 200 either way; `ok: false` carries the failure's kind and message. */
export const POST = restRoute("editor", async ({ request, caller, params }) =>
  json(
    await inspectRegisteredServer(caller, params.name ?? "", {
      open: openMcpConnection,
      signal: request.signal,
    }),
  ),
);
