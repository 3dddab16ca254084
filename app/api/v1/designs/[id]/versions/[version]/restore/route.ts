import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { restoreDesignVersionBody } from "@/server/designs/design-schemas";
import { restoreDesignVersion, versionFromPath } from "@/server/designs/versions";

export const POST = restRoute("editor", async ({ request, caller, params }) => {
  const { expectedVersion } = await readJsonBody(request, restoreDesignVersionBody);
  return json(
    await restoreDesignVersion(caller, params.id ?? "", versionFromPath(params.version), expectedVersion),
  );
});
