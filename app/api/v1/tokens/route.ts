import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { apiTokenCreateSchema, createApiTokenFor, listApiTokensFor } from "@/server/auth/member-api-tokens";

/** The caller's tokens (owners: every token of the workspace); never a token or its hash. */
export const GET = restRoute("viewer", async ({ caller }) =>
  json({ tokens: await listApiTokensFor(caller) }),
);

/** A new token for the caller, in `token`: shown this once. */
export const POST = restRoute("viewer", async ({ request, caller }) => {
  const input = await readJsonBody(request, apiTokenCreateSchema);
  return json(await createApiTokenFor(caller, input), 201);
});
