import type { ComponentType } from "react";
import { McpServersSection } from "@/components/settings/mcp-servers/mcp-servers-section";
import type { Role } from "@/server/auth/roles";

/** What every settings section receives; it renders its own <SettingsSection id title>. */
export type SettingsSectionProps = { id: string; title: string; role: Role };

export type SettingsSectionEntry = {
  /** The anchor: `/settings#<id>`. */
  id: string;
  title: string;
  Content: ComponentType<SettingsSectionProps>;
};

/**
 * The sections of /settings, in page order. A new section (workspace, members, providers, API
 * tokens) is one entry here and one component; the page and its index follow.
 */
export const SETTINGS_SECTIONS: readonly SettingsSectionEntry[] = [
  { id: "mcp-servers", title: "MCP servers", Content: McpServersSection },
];
