"use client";

import { Minus, Move, PencilLine, Plus, type LucideIcon } from "lucide-react";
import { useMemo, type ReactNode } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { Graph, GraphEdge, GraphNode } from "@/server/designs/graph-schema";
import { fieldLabel, formatDiffValue, isLongValue } from "./diff-format";
import { countDiff, diffGraphs, isDiffEmpty, type FieldChange } from "./graph-diff";

type ChangeKind = "added" | "removed" | "changed" | "moved";

// Never colour alone (ux.md): every kind also has an icon and a word.
const KINDS: Record<ChangeKind, { word: string; icon: LucideIcon }> = {
  added: { word: "Added", icon: Plus },
  removed: { word: "Removed", icon: Minus },
  changed: { word: "Changed", icon: PencilLine },
  moved: { word: "Moved", icon: Move },
};

const SETTING_LABELS: Record<string, string> = { entry: "Entry agent", defaultModel: "Default model" };

function KindTag({ kind }: { kind: ChangeKind }) {
  const { word, icon: Icon } = KINDS[kind];
  return (
    <span className={`diff-tag diff-tag-${kind}`}>
      <Icon size={12} aria-hidden />
      {word}
    </span>
  );
}

function NodeLabel({ node }: { node: Pick<GraphNode, "type" | "data"> }) {
  return (
    <>
      <strong>{node.data.name}</strong> <span className="muted">{NODE_KINDS[node.type].label}</span>
    </>
  );
}

/** One value change; long text (instructions) as two blocks, everything else on one line. */
function ValueChange({
  label,
  change,
  show = formatDiffValue,
}: {
  label: string;
  change: FieldChange;
  show?: (value: unknown) => string;
}) {
  const long = isLongValue(change.before) || isLongValue(change.after);
  return (
    <li className={long ? "diff-field diff-field-long" : "diff-field"}>
      <code className="diff-field-name">{label}</code>
      <del className="diff-before">
        <span className="visually-hidden">before: </span>
        {show(change.before)}
      </del>
      {long ? null : <span aria-hidden>→</span>}
      <ins className="diff-after">
        <span className="visually-hidden">after: </span>
        {show(change.after)}
      </ins>
    </li>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="diff-section">
      <h3>{title}</h3>
      <ul className="diff-list">{children}</ul>
    </section>
  );
}

function Count({ kind, count }: { kind: ChangeKind; count: number }) {
  return (
    <span className={`diff-count diff-tag-${kind}${count === 0 ? " is-zero" : ""}`}>
      {count} {KINDS[kind].word.toLowerCase()}
    </span>
  );
}

/**
 * The differences between two graphs, grouped by nodes, edges and settings, with counts per
 * category. Moves (position-only changes) are counted but listed only when `hideMoves` is off.
 */
export function DiffReport({
  before,
  after,
  hideMoves,
}: {
  before: Graph;
  after: Graph;
  hideMoves: boolean;
}) {
  const diff = useMemo(() => diffGraphs(before, after), [before, after]);
  const counts = countDiff(diff);
  const names = useMemo(() => {
    const byId = new Map<string, string>();
    for (const node of [...before.nodes, ...after.nodes]) byId.set(node.id, node.data.name);
    return byId;
  }, [before, after]);
  const nodeName = (id: unknown) => (typeof id === "string" ? (names.get(id) ?? id) : formatDiffValue(id));
  const edgeText = (edge: GraphEdge) =>
    `${nodeName(edge.source)} → ${nodeName(edge.target)} (${edge.role}${edge.order === undefined ? "" : ` ${edge.order}`})`;

  if (isDiffEmpty(diff)) {
    return (
      <p className="diff-empty" role="status">
        These versions have the same graph.
      </p>
    );
  }

  const onlyMoves = isDiffEmpty(diff, { ignoreMoves: true });
  return (
    <div className="diff-report">
      <dl className="diff-counts" aria-label="Number of changes">
        <div>
          <dt>Nodes</dt>
          <dd>
            <Count kind="added" count={counts.nodesAdded} />
            <Count kind="removed" count={counts.nodesRemoved} />
            <Count kind="changed" count={counts.nodesChanged} />
            <Count kind="moved" count={counts.nodesMoved} />
          </dd>
        </div>
        <div>
          <dt>Edges</dt>
          <dd>
            <Count kind="added" count={counts.edgesAdded} />
            <Count kind="removed" count={counts.edgesRemoved} />
            <Count kind="changed" count={counts.edgesChanged} />
          </dd>
        </div>
        <div>
          <dt>Settings</dt>
          <dd>
            <Count kind="changed" count={counts.settingsChanged} />
          </dd>
        </div>
      </dl>

      {onlyMoves && hideMoves ? (
        <p className="diff-empty" role="status">
          Only positions on the canvas changed ({counts.nodesMoved}{" "}
          {counts.nodesMoved === 1 ? "node" : "nodes"} moved). Turn off “Hide moves” to list them.
        </p>
      ) : null}

      {diff.settings.length > 0 ? (
        <Section title="Settings">
          {diff.settings.map((change) => (
            <li key={change.path} className="diff-item diff-item-changed">
              <KindTag kind="changed" />
              <ul className="diff-fields">
                <ValueChange label={SETTING_LABELS[change.path] ?? change.path} change={change} />
              </ul>
            </li>
          ))}
        </Section>
      ) : null}

      {diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length > 0 ? (
        <Section title="Nodes">
          {diff.nodes.added.map((node) => (
            <li key={`added-${node.id}`} className="diff-item diff-item-added">
              <KindTag kind="added" />
              <NodeLabel node={node} />
            </li>
          ))}
          {diff.nodes.removed.map((node) => (
            <li key={`removed-${node.id}`} className="diff-item diff-item-removed">
              <KindTag kind="removed" />
              <NodeLabel node={node} />
            </li>
          ))}
          {diff.nodes.changed.map((node) => (
            <li key={`changed-${node.id}`} className="diff-item diff-item-changed">
              <KindTag kind="changed" />
              <NodeLabel node={{ type: node.type, data: { name: node.name } }} />
              {node.previousName === undefined ? null : (
                <span className="muted"> (was {node.previousName})</span>
              )}
              <ul className="diff-fields">
                {node.changes.map((change) => (
                  <ValueChange key={change.path} label={fieldLabel(change.path)} change={change} />
                ))}
              </ul>
            </li>
          ))}
        </Section>
      ) : null}

      {!hideMoves && diff.nodes.moved.length > 0 ? (
        <Section title="Moved on the canvas">
          {diff.nodes.moved.map((node) => (
            <li key={`moved-${node.id}`} className="diff-item diff-item-moved">
              <KindTag kind="moved" />
              <strong>{node.name}</strong>{" "}
              <span className="muted">
                ({Math.round(node.before.x)}, {Math.round(node.before.y)}) → ({Math.round(node.after.x)},{" "}
                {Math.round(node.after.y)})
              </span>
            </li>
          ))}
        </Section>
      ) : null}

      {diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length > 0 ? (
        <Section title="Edges">
          {diff.edges.added.map((edge) => (
            <li key={`added-${edge.id}`} className="diff-item diff-item-added">
              <KindTag kind="added" />
              {edgeText(edge)}
            </li>
          ))}
          {diff.edges.removed.map((edge) => (
            <li key={`removed-${edge.id}`} className="diff-item diff-item-removed">
              <KindTag kind="removed" />
              {edgeText(edge)}
            </li>
          ))}
          {diff.edges.changed.map((edge) => (
            <li key={`changed-${edge.id}`} className="diff-item diff-item-changed">
              <KindTag kind="changed" />
              {edgeText(edge.after)}
              <ul className="diff-fields">
                {edge.changes.map((change) => (
                  <ValueChange
                    key={change.path}
                    label={change.path}
                    change={change}
                    show={change.path === "source" || change.path === "target" ? nodeName : formatDiffValue}
                  />
                ))}
              </ul>
            </li>
          ))}
        </Section>
      ) : null}
    </div>
  );
}
