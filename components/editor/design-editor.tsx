"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";
import { withInitialPositions } from "@/components/editor/canvas/initial-positions";
import { EditorStoreContext } from "@/components/editor/editor-context";
import { EditorShell } from "@/components/editor/editor-shell";
import { EditorStore } from "@/components/editor/state/editor-store";
import { TrpcMcpSourceProvider } from "@/components/mcp/trpc-mcp-source-provider";
import type { Graph } from "@/server/designs/graph-schema";
import "./editor.css";

export type EditableDesign = {
  id: string;
  name: string;
  description: string;
  version: number;
  graph: Graph;
};

/**
 * The visual editor of one design. Viewers (canEdit false) get the same view read-only: no
 * palette, no editing, the properties shown disabled.
 */
export function DesignEditor({
  design,
  canEdit,
  viewerEmail,
}: {
  design: EditableDesign;
  canEdit: boolean;
  viewerEmail: string;
}) {
  const [store] = useState(
    () =>
      new EditorStore(
        { graph: withInitialPositions(design.graph), name: design.name, description: design.description },
        design.version,
      ),
  );
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <TrpcMcpSourceProvider>
          <EditorShell designId={design.id} viewerEmail={viewerEmail} canEdit={canEdit} />
        </TrpcMcpSourceProvider>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
