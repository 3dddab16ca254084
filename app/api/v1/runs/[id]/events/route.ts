import { restRoute } from "@/server/api/rest/handler";
import { resumeAfter, SSE_HEADERS, sseStream } from "@/server/events/sse";
import { followRunEventsOf } from "@/server/runs/run-events";
import { getRun } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

export const GET = restRoute("viewer", async ({ request, caller, params }) => {
  const run = await getRun(caller, params.id ?? "");
  const afterSeq = resumeAfter(request);
  const body = sseStream((signal) => followRunEventsOf(run.id, afterSeq, signal), request.signal);
  return new Response(body, { headers: SSE_HEADERS });
});
