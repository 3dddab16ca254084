import type { McpFailureKind } from "@/server/mcp/connection";

/** A connection failure's kind in plain words, and what the reader can do about it. */
export const FAILURE_WORDS: Record<McpFailureKind, { title: string; advice: string }> = {
  not_allowed: {
    title: "Not allowed on this Trellis server",
    advice:
      "The administrator decides which commands may run (TRELLIS_MCP_STDIO_ALLOW). Ask them to allow it, or change the command, arguments or working folder.",
  },
  blocked_address: {
    title: "Address blocked",
    advice:
      "The address is private, local or a cloud metadata address. The administrator can allow the host explicitly (TRELLIS_MCP_ALLOW_HOSTS).",
  },
  cannot_start: {
    title: "Could not start or reach the server",
    advice: "Check the command and its arguments, or that the URL is right and the server is running.",
  },
  timeout: {
    title: "No answer in time",
    advice: "The server started or was reached but did not answer. Check that it speaks MCP and try again.",
  },
  auth_required: {
    title: "Authentication required",
    advice: "The server refused the request. Add the header it expects (for example Authorization) and save.",
  },
  protocol: {
    title: "Not a working MCP server",
    advice:
      "It answered, but not the way an MCP server does (invalid or oversized messages). Check the URL or command.",
  },
  closed: {
    title: "The connection closed unexpectedly",
    advice: "The server stopped while answering. Check its logs, then test again.",
  },
};
