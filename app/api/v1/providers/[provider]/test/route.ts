import { json, restRoute } from "@/server/api/rest/handler";
import { testProviderConnection } from "@/server/models/provider-connection-test";

/** One cheap call with the workspace's settings: 200 either way, `ok: false` says why. */
export const POST = restRoute("owner", async ({ request, caller, params }) =>
  json(await testProviderConnection(caller, params.provider ?? "", { signal: request.signal })),
);
