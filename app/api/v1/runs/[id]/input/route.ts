import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { answerInputInput } from "@/server/runs/run-schemas";
import { answerRunInput } from "@/server/runs/service";

export const POST = restRoute("editor", async ({ request, caller, params }) => {
  const answer = await readJsonBody(request, answerInputInput);
  await answerRunInput(caller, params.id ?? "", answer);
  return json({ requestId: answer.requestId, accepted: true }, 202);
});
