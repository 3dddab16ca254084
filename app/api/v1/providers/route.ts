import { json, restRoute } from "@/server/api/rest/handler";
import { listProviderCredentials } from "@/server/models/credentials";

/** Every provider with what the workspace has set: `hasKey`, `baseUrl`, `keyHint`; never the key. */
export const GET = restRoute("viewer", async ({ caller }) => json(await listProviderCredentials(caller)));
