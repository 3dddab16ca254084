import { json, restRoute } from "@/server/api/rest/handler";
import { validateDesign } from "@/server/designs/service";

export const POST = restRoute("viewer", async ({ caller, params }) =>
  json(await validateDesign(caller, params.id ?? "")),
);
