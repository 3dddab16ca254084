import { NotFoundError } from "@/server/errors";
import { mcpServerNameSchema } from "@/server/mcp/server-entry";

/** Names that cannot be registered cannot be found either: "not found" without a query. */
export function requireServerName(name: string): string {
  if (!mcpServerNameSchema.safeParse(name).success) throw new NotFoundError("MCP server");
  return name;
}
