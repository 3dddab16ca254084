import { json, noContent, restRoute } from "@/server/api/rest/handler";
import { deleteRun } from "@/server/runs/history";
import { getRun } from "@/server/runs/queries";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getRun(caller, params.id ?? "")),
);

export const DELETE = restRoute("editor", async ({ caller, params }) => {
  await deleteRun(caller, params.id ?? "");
  return noContent();
});
