import { json, publicRoute } from "@/server/api/rest/handler";
import { getSharedRun } from "@/server/shares/share-links";

export const dynamic = "force-dynamic";

/** A shared run, redacted; no sign-in: the token is the credential. */
export const GET = publicRoute(async ({ params }) => json(await getSharedRun(params.token ?? "")));
