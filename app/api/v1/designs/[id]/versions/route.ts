import { json, restRoute } from "@/server/api/rest/handler";
import { listDesignVersions } from "@/server/designs/versions";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json({ versions: await listDesignVersions(caller, params.id ?? "") }),
);
