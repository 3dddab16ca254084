import type { ComponentType } from "react";
import { ApiTokensSection } from "@/components/settings/api-tokens/api-tokens-section";
import { AuditLogSection } from "@/components/settings/audit-log/audit-log-section";
import { McpServersSection } from "@/components/settings/mcp-servers/mcp-servers-section";
import { MembersSection } from "@/components/settings/members/members-section";
import { ProvidersSection } from "@/components/settings/providers/providers-section";
import { WorkspaceSection } from "@/components/settings/workspace/workspace-section";
import type { Role } from "@/server/auth/roles";

/** What every settings section receives; it renders its own <SettingsSection id title>. */
export type SettingsSectionProps = { id: string; title: string; role: Role };

export type SettingsSectionEntry = {
  /** The anchor: `/settings#<id>`. */
  id: string;
  title: string;
  Content: ComponentType<SettingsSectionProps>;
  /** Left out of the page and its index for anyone below this role. */
  minimumRole?: Role;
};

/**
 * The sections of /settings, in page order. A new section (workspace, members, providers, API
 * tokens) is one entry here and one component; the page and its index follow.
 */
export const SETTINGS_SECTIONS: readonly SettingsSectionEntry[] = [
  { id: "workspace", title: "Workspace", Content: WorkspaceSection },
  { id: "members", title: "Members", Content: MembersSection },
  { id: "providers", title: "Model providers", Content: ProvidersSection },
  { id: "mcp-servers", title: "MCP servers", Content: McpServersSection },
  { id: "api-tokens", title: "API tokens", Content: ApiTokensSection },
  { id: "audit-log", title: "Audit log", Content: AuditLogSection, minimumRole: "owner" },
];
