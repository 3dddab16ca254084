import { json, noContent, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { updateDesignInput } from "@/server/designs/design-schemas";
import { deleteDesign, getDesign, updateDesign } from "@/server/designs/service";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getDesign(caller, params.id ?? "")),
);

export const PUT = restRoute("editor", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, updateDesignInput);
  return json(await updateDesign(caller, params.id ?? "", input));
});

export const DELETE = restRoute("editor", async ({ caller, params }) => {
  await deleteDesign(caller, params.id ?? "");
  return noContent();
});
