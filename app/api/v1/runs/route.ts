import { json, readJsonBody, readQuery, restRoute } from "@/server/api/rest/handler";
import { listRuns } from "@/server/runs/history";
import { listRunsInput, startRunInput } from "@/server/runs/run-schemas";
import { startRun } from "@/server/runs/service";

export const GET = restRoute("viewer", async ({ request, caller }) => {
  const query = readQuery(request, listRunsInput, { lists: ["status"], numbers: ["limit"] });
  return json(await listRuns(caller, query));
});

export const POST = restRoute("editor", async ({ request, caller }) => {
  const input = await readJsonBody(request, startRunInput);
  return json(await startRun(caller, input), 201);
});
