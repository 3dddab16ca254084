import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { createDesignInput } from "@/server/designs/design-schemas";
import { createDesign, listDesigns } from "@/server/designs/service";

export const GET = restRoute("viewer", async ({ request, caller }) => {
  const search = new URL(request.url).searchParams.get("search") ?? undefined;
  return json({ designs: await listDesigns(caller, { search: search?.slice(0, 200) }) });
});

export const POST = restRoute("editor", async ({ request, caller }) => {
  const input = await readJsonBody(request, createDesignInput);
  return json(await createDesign(caller, input), 201);
});
