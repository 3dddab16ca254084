import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { duplicateDesignInput } from "@/server/designs/design-schemas";
import { duplicateDesign } from "@/server/designs/service";

export const POST = restRoute("editor", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, duplicateDesignInput);
  return json(await duplicateDesign(caller, params.id ?? "", input), 201);
});
