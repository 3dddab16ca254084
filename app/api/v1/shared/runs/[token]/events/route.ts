import { publicRoute } from "@/server/api/rest/handler";
import { resumeAfter, SSE_HEADERS, sseStream } from "@/server/events/sse";
import { followSharedRunEvents } from "@/server/shares/shared-events";
import { countShareView, resolveShareToken } from "@/server/shares/share-links";

export const dynamic = "force-dynamic";

/** A shared run's events (SSE), redacted; the stream ends when the link is revoked or expires. */
export const GET = publicRoute(async ({ request, params }) => {
  await countShareView(request.headers);
  const token = params.token ?? "";
  const link = await resolveShareToken(token);
  const afterSeq = resumeAfter(request);
  const body = sseStream(
    (signal) => followSharedRunEvents({ token, link, afterSeq, signal }),
    request.signal,
  );
  return new Response(body, { headers: SSE_HEADERS });
});
