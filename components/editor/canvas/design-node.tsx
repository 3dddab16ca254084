"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { CircleAlert, TriangleAlert } from "lucide-react";
import { memo, type CSSProperties } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import { rolesOf } from "@/components/editor/state/connection-rules";
import type { EditorFlowNode } from "./flow-elements";
import { nodeSettings, roleCountText } from "./node-summary";
import { RUN_STATE_LOOK } from "./run-state-look";

function IssueBadge({
  errors,
  warnings,
  messages,
}: {
  errors: number;
  warnings: number;
  messages: readonly string[];
}) {
  const isError = errors > 0;
  const Icon = isError ? CircleAlert : TriangleAlert;
  const text = [
    errors > 0 ? `${errors} ${errors === 1 ? "error" : "errors"}` : "",
    warnings > 0 ? `${warnings} ${warnings === 1 ? "warning" : "warnings"}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <span className={`editor-node-issues ${isError ? "is-error" : "is-warning"}`} title={messages.join("\n")}>
      <Icon size={12} aria-hidden />
      {errors + warnings}
      <span className="visually-hidden"> {text}</span>
    </span>
  );
}

/** One node on the canvas: kind, name, key settings, a labelled handle per child role. */
function DesignNodeCard({ data, selected }: NodeProps<EditorFlowNode>) {
  const { node, isEntry, childCounts, issues, runState, runBadge, readOnly } = data;
  const kind = NODE_KINDS[node.type];
  const KindIcon = kind.icon;
  const name = node.data.name;
  const runLook = runState ? RUN_STATE_LOOK[runState] : undefined;
  const RunIcon = runLook?.icon;
  const classes = [
    "editor-node",
    isEntry ? "is-entry" : "",
    selected ? "is-selected" : "",
    issues && issues.errors > 0 ? "has-errors" : issues ? "has-warnings" : "",
    runState ? `node-state-${runState}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={classes} style={{ "--node-color": kind.color } as CSSProperties}>
      <Handle
        type="target"
        id="in"
        position={Position.Left}
        isConnectable={!readOnly}
        className="editor-handle editor-handle-in"
        data-testid={`handle-${name}-in`}
        aria-label={`Connect a parent to ${name}`}
      />
      <div className="editor-node-kind">
        <KindIcon size={12} aria-hidden />
        <span>{kind.label}</span>
        {isEntry ? <span className="editor-node-entry">entry</span> : null}
        {issues ? <IssueBadge {...issues} /> : null}
      </div>
      <div className="editor-node-name">{name}</div>
      {nodeSettings(node).map((line) => (
        <div key={line} className="editor-node-detail">
          {line}
        </div>
      ))}
      {runLook && RunIcon ? (
        <div className="editor-node-run">
          <RunIcon size={12} aria-hidden className={runState === "running" ? "spin" : undefined} />
          <span>{runLook.word}</span>
          {runBadge ? <span className="editor-node-run-badge">{runBadge}</span> : null}
        </div>
      ) : null}
      <div className="editor-node-roles">
        {rolesOf(node.type).map((role) => (
          <div key={role} className="editor-node-role">
            <span className="editor-node-role-name">{role}</span>
            <span className="editor-node-role-count" title={roleCountText(role, childCounts)}>
              {childCounts[role] ?? 0}
              <span className="visually-hidden"> ({roleCountText(role, childCounts)})</span>
            </span>
            <Handle
              type="source"
              id={role}
              position={Position.Right}
              isConnectable={!readOnly}
              className="editor-handle editor-handle-out"
              data-testid={`handle-${name}-${role}`}
              aria-label={`Drag to add a ${role} child to ${name}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

export const DesignNode = memo(DesignNodeCard);
