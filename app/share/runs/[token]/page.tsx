import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { RunViewer } from "@/components/runs/run-view/run-viewer";
import { toRunSummary } from "@/components/runs/run-view/to-run-summary";
import { PublicTopBar } from "@/components/layout/public-top-bar";
import { NotFoundError, RateLimitedError } from "@/server/errors";
import { countShareView, getSharedRun, type SharedRun } from "@/server/shares/share-links";

type Params = { params: Promise<{ token: string }> };

export const metadata: Metadata = {
  title: "Shared run",
  // A share link is a secret: keep it out of referrers and search engines.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

async function loadSharedRun(token: string): Promise<SharedRun | RateLimitedError> {
  try {
    await countShareView(await headers());
    return await getSharedRun(token);
  } catch (error) {
    // Revoked, expired, deleted or never valid: one answer for all (see not-found.tsx beside this).
    if (error instanceof NotFoundError) notFound();
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

/** A shared run: the same live view as the owner's, read-only, for anyone with the link. */
export default async function SharedRunPage({ params }: Params) {
  const { token } = await params;
  const run = await loadSharedRun(token);
  if (run instanceof RateLimitedError) {
    return (
      <>
        <PublicTopBar note="Shared run" />
        <main className="run-page">
          <div className="empty-state" role="alert">
            <h1>Too many views from your address.</h1>
            <p>{run.message}</p>
          </div>
        </main>
      </>
    );
  }
  return (
    <>
      <PublicTopBar note="Shared run · read-only" />
      <main className="run-page">
        <RunViewer
          run={toRunSummary(run)}
          graph={run.graph}
          eventsUrl={`/api/v1/shared/runs/${encodeURIComponent(token)}/events`}
          runUrl={`/api/v1/shared/runs/${encodeURIComponent(token)}`}
          mode={{ kind: "shared" }}
        />
      </main>
    </>
  );
}
