import { json, restRoute } from "@/server/api/rest/handler";
import { rerun } from "@/server/runs/history";

/** Runs the design again on the same input (the run history's "run again"). */
export const POST = restRoute("editor", async ({ caller, params }) =>
  json(await rerun(caller, params.id ?? ""), 201),
);
