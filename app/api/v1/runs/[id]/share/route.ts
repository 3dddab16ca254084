import { json, noContent, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { shareRunInput } from "@/server/runs/run-schemas";
import { createShareLink, revokeShareLinks } from "@/server/shares/share-links";

export const POST = restRoute("editor", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, shareRunInput);
  const { url, token, expiresAt } = await createShareLink(caller, params.id ?? "", input);
  return json({ url, token, expiresAt }, 201);
});

export const DELETE = restRoute("editor", async ({ caller, params }) => {
  await revokeShareLinks(caller, params.id ?? "");
  return noContent();
});
