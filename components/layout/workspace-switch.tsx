"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useSwitchWorkspace } from "@/components/layout/use-switch-workspace";
import { useTRPC } from "@/components/providers/trpc";

/**
 * The top bar's workspace picker. Narrow by design (the bar must stay one line: the editor's
 * canvas height depends on it), and hidden until the list is there.
 */
export function WorkspaceSwitch() {
  const trpc = useTRPC();
  const selectId = useId();
  const workspaces = useQuery(trpc.workspaces.list.queryOptions());
  const switchTo = useSwitchWorkspace();
  if (!workspaces.data) return null;
  const { currentId, workspaces: list } = workspaces.data;
  return (
    // No width of its own (flex-basis 0), like the signed-in address: in a crowded bar (the
    // editor's) it is cut short instead of pushing the bar onto a second line.
    <span
      style={{
        flex: "1 1 0",
        minWidth: 0,
        // Clipped, with room for the select's focus ring, and no padding that would add height.
        overflow: "clip",
        overflowClipMargin: "4px",
        display: "inline-flex",
        justifyContent: "flex-end",
        alignItems: "center",
        gap: 6,
      }}
    >
      <label htmlFor={selectId} className="muted" style={{ fontSize: 13, whiteSpace: "nowrap" }}>
        Workspace
      </label>
      <select
        id={selectId}
        className="input"
        style={{ height: 28, width: "auto", maxWidth: 160, minWidth: 48, flexShrink: 1, paddingInline: 6 }}
        value={currentId}
        disabled={switchTo.isPending}
        title={switchTo.error?.message}
        aria-invalid={switchTo.isError || undefined}
        onChange={(event) => switchTo.mutate({ id: event.target.value })}
      >
        {list.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </span>
  );
}
