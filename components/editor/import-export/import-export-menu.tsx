"use client";

import { Download, Upload } from "lucide-react";
import { useState } from "react";
import type { Graph } from "@/server/designs/graph-schema";
import { exportFileName, serializeGraph } from "./export-graph";
import { ImportDialog } from "./import-dialog";
import "./import-export.css";

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: some browsers start the download only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Export the design's graph as a `.trellis.json` file (graph format v1), or import one in its
 * place. Importing hands the checked graph to `onImport`; saving it is the editor's business.
 */
export function ImportExportMenu({
  designName,
  graph,
  onImport,
}: {
  designName: string;
  graph: Graph;
  onImport: (graph: Graph) => void;
}) {
  const [importing, setImporting] = useState(false);
  return (
    <div className="import-export-menu" role="group" aria-label="Import and export">
      <button
        type="button"
        className="button"
        title={`Download the graph as ${exportFileName(designName)}`}
        onClick={() => download(exportFileName(designName), serializeGraph(graph))}
      >
        <Download size={14} aria-hidden />
        Export JSON
      </button>
      <button type="button" className="button" onClick={() => setImporting(true)}>
        <Upload size={14} aria-hidden />
        Import JSON
      </button>
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImport={onImport} />
    </div>
  );
}
