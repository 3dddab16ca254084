import { json, restRoute } from "@/server/api/rest/handler";
import { getRun } from "@/server/runs/queries";

export const GET = restRoute(async ({ caller, params }) => json(await getRun(caller, params.id ?? "")));
