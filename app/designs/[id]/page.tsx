import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import { GraphView } from "@/components/graph/graph-view";
import { RunPanel } from "@/components/runs/run-panel";
import { atLeast } from "@/server/auth/roles";
import { TopBar } from "@/components/layout/top-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireViewer } from "@/server/auth/page-session";
import { getDesign, validateForWorkspace, type Design } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";

type Params = { params: Promise<{ id: string }> };

async function loadDesign(id: string): Promise<{
  design: Design;
  viewerEmail: string;
  callerValidation: ReturnType<typeof validateForWorkspace>;
  canRun: boolean;
}> {
  const { caller, user } = await requireViewer();
  try {
    const design = await getDesign(caller, id);
    return {
      design,
      viewerEmail: user.email,
      callerValidation: validateForWorkspace(caller, design.graph),
      canRun: atLeast(caller.role, "editor"),
    };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { design } = await loadDesign(id);
  return { title: design.name };
}

export default async function DesignPage({ params }: Params) {
  const { id } = await params;
  const { design, viewerEmail, callerValidation: validation, canRun } = await loadDesign(id);
  const errors = validation.issues.filter((issue) => issue.severity === "error");
  const warnings = validation.issues.filter((issue) => issue.severity === "warning");
  const nodeNames = new Map(design.graph.nodes.map((node) => [node.id, node.data.name]));

  return (
    <>
      <TopBar email={viewerEmail}>
        <h1 style={{ fontSize: 15 }}>{design.name}</h1>
        <span className="badge">v{design.version}</span>
      </TopBar>
      <main className="design-layout">
        <div className="design-canvas">
          <GraphView graph={design.graph} />
        </div>
        <aside className="design-side" aria-label="Design details">
          <section>
            <h2>Design</h2>
            <p style={{ margin: 0, fontWeight: 600 }}>{design.name}</p>
            {design.description ? <p>{design.description}</p> : null}
            <p className="muted" style={{ marginBottom: 0 }}>
              {design.graph.nodes.length} nodes · {design.graph.edges.length} edges · version {design.version}{" "}
              · saved <RelativeTime date={design.updatedAt} />
            </p>
          </section>
          <section aria-label="Run">
            <h2>Run</h2>
            <RunPanel
              designId={design.id}
              disabledReason={
                !canRun
                  ? "Viewers cannot start runs."
                  : validation.valid
                    ? undefined
                    : "Fix the errors listed under Validation before running this design."
              }
            />
          </section>
          <section aria-live="polite">
            <h2>Validation</h2>
            {validation.valid ? (
              <p className="badge badge-ok">
                <CheckCircle2 size={13} aria-hidden /> Valid: ready to run
              </p>
            ) : (
              <p className="badge badge-error">
                <XCircle size={13} aria-hidden /> {errors.length} {errors.length === 1 ? "error" : "errors"}
              </p>
            )}
            {validation.issues.length > 0 ? (
              <ul className="issues" aria-label="Validation issues">
                {[...errors, ...warnings].map((issue, index) => (
                  <li key={`${issue.code}-${issue.nodeId ?? issue.edgeId ?? ""}-${index}`}>
                    {issue.severity === "error" ? (
                      <XCircle size={14} color="var(--danger)" aria-label="Error" />
                    ) : (
                      <AlertTriangle size={14} color="var(--warn)" aria-label="Warning" />
                    )}
                    <span>
                      {issue.message}
                      {issue.nodeId && nodeNames.has(issue.nodeId) ? (
                        <span className="muted"> · node {nodeNames.get(issue.nodeId)}</span>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </aside>
      </main>
    </>
  );
}
