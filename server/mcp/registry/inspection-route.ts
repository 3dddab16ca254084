import "server-only";
import { json, restRoute } from "@/server/api/rest/handler";
import { openMcpConnection } from "@/server/mcp/open-connection";
import {
  inspectionPart,
  inspectRegisteredServer,
  type McpInspection,
} from "@/server/mcp/registry/inspect-registered";

/**
 * `GET /api/v1/mcp-servers/:name/<tools|resources|prompts>`: connects and answers `{ <part>: [...] }`.
 * Here a failed connection is an error of the request (the list was asked for and there is none):
 * 504 on a timeout, 502 otherwise, with the failure's kind next to the usual code and message.
 */
export function inspectionPartRoute(part: keyof McpInspection) {
  return restRoute("editor", async ({ request, caller, params }) => {
    const result = inspectionPart(
      await inspectRegisteredServer(caller, params.name ?? "", {
        open: openMcpConnection,
        signal: request.signal,
      }),
      part,
    );
    if (result.ok) return json({ [part]: result[part] });
    return json(
      { error: { code: "mcp_connection_failed", message: result.error.message, kind: result.error.kind } },
      result.error.kind === "timeout" ? 504 : 502,
    );
  });
}
