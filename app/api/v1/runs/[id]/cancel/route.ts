import { json, restRoute } from "@/server/api/rest/handler";
import { cancelRun } from "@/server/runs/service";

export const POST = restRoute("editor", async ({ caller, params }) =>
  json(await cancelRun(caller, params.id ?? "")),
);
