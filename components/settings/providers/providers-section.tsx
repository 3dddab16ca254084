"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { QueryState } from "@/components/ui/query-state";
import { atLeast } from "@/server/auth/roles";
import { ProviderCard } from "./provider-card";
import "./providers.css";

/**
 * The workspace's model provider keys and base URLs. Everyone sees whether a key is set (with its
 * last four characters); owners set, remove and test them. No key ever reaches this page.
 */
export function ProvidersSection({ id, title, role }: SettingsSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = atLeast(role, "owner");
  const providers = useQuery(trpc.providers.list.queryOptions());
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.providers.list.queryKey() });

  return (
    <SettingsSection
      id={id}
      title={title}
      description="Keys and base URLs this workspace's runs use; without them, runs use the server's own, if it has any."
    >
      {!canManage ? (
        <p className="settings-note">
          <Info size={15} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          Only workspace owners can change or test provider keys.
        </p>
      ) : null}
      <QueryState query={providers} noun="providers" className="card">
        {(views) => (
          <div className="provider-grid">
            {views.map((view) => (
              <ProviderCard key={view.provider} view={view} canManage={canManage} onChanged={invalidate} />
            ))}
          </div>
        )}
      </QueryState>
    </SettingsSection>
  );
}
