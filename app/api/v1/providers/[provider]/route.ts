import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { providerCredentialInputSchema, setProviderCredential } from "@/server/models/credentials";

export const PUT = restRoute("owner", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, providerCredentialInputSchema);
  return json(await setProviderCredential(caller, params.provider ?? "", input));
});
