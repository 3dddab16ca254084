import { noContent, restRoute } from "@/server/api/rest/handler";
import { revokeApiTokenFor } from "@/server/auth/member-api-tokens";

export const DELETE = restRoute("viewer", async ({ caller, params }) => {
  await revokeApiTokenFor(caller, params.id ?? "");
  return noContent();
});
