import type { AuditAction } from "@/server/audit/audit-log";

/** Each audit action as the audit log section says it. */
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  "sign-in": "Signed in",
  "sign-in-failed": "Failed sign-in",
  "sign-up": "Signed up",
  "workspace.created": "Created the workspace",
  "member.joined": "Joined the workspace",
  "member.role-changed": "Changed a member's role",
  "member.removed": "Removed a member",
  "member.left": "Left the workspace",
  "invite.created": "Created an invite",
  "invite.revoked": "Revoked an invite",
  "provider.key-set": "Set a provider key",
  "provider.key-removed": "Removed a provider key",
  "provider.base-url-changed": "Changed a provider base URL",
  "api-token.created": "Created an API token",
  "api-token.revoked": "Revoked an API token",
  "share-link.created": "Created a share link",
  "share-link.revoked": "Revoked a share link",
  "mcp-server.created": "Added an MCP server",
  "mcp-server.updated": "Changed an MCP server",
  "mcp-server.deleted": "Deleted an MCP server",
};

type Entry = {
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, string | number | boolean | null>;
};

export function actionInWords(action: string): string {
  return (AUDIT_ACTION_WORDS as Record<string, string | undefined>)[action] ?? action;
}

/** What an entry was about, from its details where they name it better than an id. */
export function targetInWords(entry: Entry): string {
  const text = (key: string) => {
    const value = entry.details[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  if (entry.action.startsWith("provider.")) {
    const hint = text("hint");
    const provider = text("provider") ?? entry.target?.id ?? "";
    if (entry.action === "provider.base-url-changed") return `${provider}: ${text("to") ?? "default"}`;
    return hint ? `${provider} (…${hint})` : provider;
  }
  if (entry.action.startsWith("api-token.")) {
    const name = text("name");
    const prefix = text("prefix");
    if (name) return prefix ? `${name} (${prefix}…)` : name;
  }
  const named = text("name") ?? text("email");
  if (named) return named;
  return entry.target ? `${entry.target.type} ${entry.target.id}` : "";
}
