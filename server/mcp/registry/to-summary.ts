import { SERVER_COLUMNS, stdioLaunch, type ServerColumnsRow } from "@/server/mcp/registry/server-columns";
import type { McpServerSummary } from "@/server/mcp/server-entry";

/** The stored columns a summary is made of (no ciphertexts: a summary cannot leak them). */
export type McpServerSummaryRow = ServerColumnsRow & {
  envNames: string[];
  headerNames: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** What the API returns of a registry entry: secrets reduced to their names. */
export function toMcpServerSummary(row: McpServerSummaryRow): McpServerSummary {
  const common = {
    name: row.name,
    description: row.description,
    transport: row.transport,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (row.transport === "stdio") {
    return {
      ...common,
      ...stdioLaunch(row),
      envNames: row.envNames,
    };
  }
  return { ...common, url: row.url ?? "", headerNames: row.headerNames };
}

/** The columns to select for a summary. */
export const SUMMARY_COLUMNS = {
  ...SERVER_COLUMNS,
  envNames: true,
  headerNames: true,
  createdAt: true,
  updatedAt: true,
} as const;
