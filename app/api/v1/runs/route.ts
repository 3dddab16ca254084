import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { startRunInput } from "@/server/runs/run-schemas";
import { startRun } from "@/server/runs/service";

export const POST = restRoute(async ({ request, caller }) => {
  const input = await readJsonBody(request, startRunInput);
  return json(await startRun(caller, input), 201);
});
