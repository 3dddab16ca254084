"use client";

import { ChevronDown, ChevronUp, CircleAlert, CircleCheck, TriangleAlert } from "lucide-react";
import { memo, useId, useState } from "react";
import { useEditorActions, useEditorState, useIssues } from "@/components/editor/editor-context";
import type { EditorState } from "@/components/editor/state/editor-store";
import { findNode } from "@/components/editor/state/graph-queries";
import { issueTarget } from "./issue-index";

/** Rendering thousands of rows helps nobody; the first ones show where to start. */
const SHOWN_ISSUES = 200;

const selectGraph = (state: EditorState) => state.history.present.graph;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Validation of the drawing: a summary line, and the issues; choosing one shows its node. */
function Issues() {
  const index = useIssues();
  const graph = useEditorState(selectGraph);
  const { reveal } = useEditorActions();
  const [open, setOpen] = useState(true);
  const listId = useId();
  const { errorCount, warningCount, issues } = index;
  const summary =
    errorCount === 0
      ? `Valid: ready to run${warningCount > 0 ? ` (${plural(warningCount, "warning")})` : ""}`
      : `${plural(errorCount, "error")}${warningCount > 0 ? `, ${plural(warningCount, "warning")}` : ""}`;

  return (
    <section className="editor-issues" aria-label="Validation">
      <div className="editor-issues-header">
        <span
          className={`badge ${errorCount > 0 ? "badge-error" : warningCount > 0 ? "badge-warn" : "badge-ok"}`}
          role="status"
        >
          {errorCount > 0 ? (
            <CircleAlert size={13} aria-hidden />
          ) : warningCount > 0 ? (
            <TriangleAlert size={13} aria-hidden />
          ) : (
            <CircleCheck size={13} aria-hidden />
          )}
          {summary}
        </span>
        <span className="spacer" />
        {issues.length > 0 ? (
          <button
            type="button"
            className="icon-button"
            aria-expanded={open}
            aria-controls={listId}
            aria-label={open ? "Hide issues" : "Show issues"}
            onClick={() => setOpen(!open)}
          >
            {open ? <ChevronDown size={16} aria-hidden /> : <ChevronUp size={16} aria-hidden />}
          </button>
        ) : null}
      </div>
      {open && issues.length > 0 ? (
        <ul id={listId} className="editor-issues-list" aria-label="Validation issues">
          {issues.slice(0, SHOWN_ISSUES).map((issue, position) => {
            const target = issueTarget(graph, issue);
            const nodeName = target.nodeId ? findNode(graph, target.nodeId)?.data.name : undefined;
            const isError = issue.severity === "error";
            const Icon = isError ? CircleAlert : TriangleAlert;
            return (
              <li key={`${issue.code}-${target.nodeId ?? ""}-${target.edgeId ?? ""}-${position}`}>
                <button
                  type="button"
                  className={`editor-issue ${isError ? "is-error" : "is-warning"}`}
                  onClick={() => reveal(target)}
                >
                  <Icon size={14} aria-hidden />
                  <span>
                    <span className="visually-hidden">{isError ? "Error: " : "Warning: "}</span>
                    {issue.message}
                    {nodeName ? <span className="muted"> · {nodeName}</span> : null}
                  </span>
                </button>
              </li>
            );
          })}
          {issues.length > SHOWN_ISSUES ? (
            <li className="muted">…and {issues.length - SHOWN_ISSUES} more.</li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}

export const IssuesPanel = memo(Issues);
