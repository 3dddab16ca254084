import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TopBar } from "@/components/layout/top-bar";
import { RunViewer } from "@/components/runs/run-view/run-viewer";
import { toRunSummary } from "@/components/runs/run-view/to-run-summary";
import { requireViewer } from "@/server/auth/page-session";
import { atLeast } from "@/server/auth/roles";
import { NotFoundError } from "@/server/errors";
import { getRunDetail } from "@/server/runs/queries";

type Params = { params: Promise<{ id: string }> };

async function loadRun(id: string) {
  const { caller, user } = await requireViewer();
  try {
    return {
      run: await getRunDetail(caller, id),
      email: user.email,
      canEdit: atLeast(caller.role, "editor"),
    };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { run } = await loadRun((await params).id);
  return { title: `Run of ${run.designName ?? run.agent}` };
}

export default async function RunPage({ params }: Params) {
  const { run, email, canEdit } = await loadRun((await params).id);
  return (
    <>
      <TopBar email={email} current="runs">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/runs">Runs</Link>
          {run.designId ? (
            <>
              {" / "}
              <Link href={`/designs/${run.designId}`}>{run.designName ?? "Design"}</Link>
            </>
          ) : null}
          {run.chatId && run.designId ? (
            <>
              {" / "}
              <Link href={`/designs/${run.designId}/chat?chat=${run.chatId}`}>Chat</Link>
            </>
          ) : null}
        </nav>
      </TopBar>
      <main className="run-page">
        <RunViewer
          run={toRunSummary(run)}
          graph={run.graph}
          eventsUrl={`/api/v1/runs/${run.id}/events`}
          runUrl={`/api/v1/runs/${run.id}`}
          mode={{ kind: "owner", canEdit }}
        />
      </main>
    </>
  );
}
