"use client";

import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import { useDeferredValue, useId, useMemo, useState, type ChangeEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import type { Graph } from "@/server/designs/graph-schema";
import type { GraphIssue } from "@/server/designs/validate-graph";
import { MAX_IMPORT_TEXT_BYTES, parseImport, type ParseImportResult } from "./parse-import";

function WarningList({ warnings, graph }: { warnings: readonly GraphIssue[]; graph: Graph }) {
  const names = new Map(graph.nodes.map((node) => [node.id, node.data.name]));
  return (
    <ul className="import-issues">
      {warnings.map((issue, index) => {
        const nodeName = issue.nodeId === undefined ? undefined : names.get(issue.nodeId);
        return (
          <li key={`${issue.code}-${issue.nodeId ?? issue.edgeId ?? ""}-${index}`}>
            <AlertTriangle size={14} aria-hidden className="import-warning-icon" />
            <span>
              {nodeName === undefined ? null : <strong className="import-node">{nodeName}: </strong>}
              {issue.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The check of what is about to be imported: problems that refuse it, or warnings that allow it. */
function ImportReport({ result }: { result: ParseImportResult }) {
  if (!result.ok) {
    return (
      <div className="import-report import-report-refused" role="alert">
        <p className="import-report-title">
          <XCircle size={15} aria-hidden />
          This cannot be imported
        </p>
        <ul className="import-issues">
          {result.problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { graph, warnings } = result;
  const summary = `${graph.nodes.length} ${graph.nodes.length === 1 ? "node" : "nodes"}, ${graph.edges.length} ${graph.edges.length === 1 ? "edge" : "edges"}`;
  return (
    <div className="import-report import-report-ok" role="status">
      <p className="import-report-title">
        {warnings.length === 0 ? (
          <CheckCircle2 size={15} aria-hidden />
        ) : (
          <AlertTriangle size={15} aria-hidden />
        )}
        {result.name === undefined ? "A design" : `“${result.name}”`} with {summary}
        {warnings.length === 0
          ? " is ready to import."
          : ` can be imported, but is not finished: ${warnings.length} ${warnings.length === 1 ? "thing needs" : "things need"} fixing before it can run.`}
      </p>
      {warnings.length > 0 ? <WarningList warnings={warnings} graph={graph} /> : null}
    </div>
  );
}

/**
 * Reads a design file or pasted JSON and hands the graph to `onImport` only once it passed
 * parseImport and the user confirmed; until then the open design is untouched. Reading a file is
 * all that happens: nothing in it is run or connected to.
 */
export function ImportDialog({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  onImport: (graph: Graph) => void;
}) {
  const fileId = useId();
  const textId = useId();
  const hintId = useId();
  const [text, setText] = useState("");
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  // Large pastes are checked after typing settles, so the text area stays responsive.
  const checkedText = useDeferredValue(text);
  const result = useMemo(() => parseImport(checkedText), [checkedText]);
  // The button acts on what was checked, never on text typed since.
  const importable = result.ok && checkedText === text ? result : undefined;

  const close = () => {
    setText("");
    setFileProblem(null);
    onClose();
  };

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_TEXT_BYTES) {
      setFileProblem(
        `“${file.name}” is ${Math.ceil(file.size / 1024).toLocaleString("en")} KiB; a design file is far smaller than that.`,
      );
      return;
    }
    try {
      setText(await file.text());
    } catch {
      setFileProblem(`“${file.name}” could not be read. Choose it again, or paste its content below.`);
    }
  }

  return (
    <Dialog open={open} title="Import a design" onClose={close}>
      <div className="import-dialog">
        <p className="muted" id={hintId}>
          Import replaces the graph on the canvas with the one from the file. Nothing in the file is run or
          connected to.
        </p>
        <div className="field">
          <label htmlFor={fileId}>Design file</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            className="input import-file"
            onChange={(event) => void readFile(event)}
          />
          {fileProblem ? (
            <span className="form-error" role="alert">
              {fileProblem}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={textId}>Design JSON</label>
          <textarea
            id={textId}
            className="input import-text"
            rows={8}
            spellCheck={false}
            placeholder='{ "version": 1, "nodes": [...], "edges": [...] }'
            aria-describedby={hintId}
            aria-invalid={checkedText.trim() !== "" && !result.ok}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <span className="hint">Choose a file above, or paste the JSON that “Export JSON” downloads.</span>
        </div>
        {checkedText.trim() === "" ? null : <ImportReport result={result} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={importable === undefined}
            onClick={() => {
              if (importable === undefined) return;
              onImport(importable.graph);
              close();
            }}
          >
            Import
          </button>
        </div>
      </div>
    </Dialog>
  );
}
