import { json, publicRoute } from "@/server/api/rest/handler";
import { countShareView, getSharedRun } from "@/server/shares/share-links";

export const dynamic = "force-dynamic";

/** A shared run, redacted; no sign-in: the token is the credential. */
export const GET = publicRoute(async ({ request, params }) => {
  await countShareView(request.headers);
  return json(await getSharedRun(params.token ?? ""));
});
