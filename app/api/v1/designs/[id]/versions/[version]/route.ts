import { json, restRoute } from "@/server/api/rest/handler";
import { getDesignVersion, versionFromPath } from "@/server/designs/versions";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getDesignVersion(caller, params.id ?? "", versionFromPath(params.version))),
);
