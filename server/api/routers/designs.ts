import "server-only";
import { z } from "zod";
import { editorProcedure, memberProcedure, router } from "@/server/api/trpc";
import {
  createDesignInput,
  designVersionInput,
  designVersionsInput,
  duplicateDesignInput,
  restoreDesignVersionInput,
  updateDesignInput,
} from "@/server/designs/design-schemas";
import {
  createDesign,
  deleteDesign,
  duplicateDesign,
  getDesign,
  listDesigns,
  updateDesign,
  validateDesign,
  validateForWorkspace,
} from "@/server/designs/service";
import { getDesignVersion, listDesignVersions, restoreDesignVersion } from "@/server/designs/versions";
import { getMcpPublishing, setMcpPublishing } from "@/server/designs/mcp-publishing";
import { setMcpPublishingInput } from "@/server/designs/mcp-publishing-schema";

// Ids are checked by the service (a malformed id is simply "not found"), so plain strings here.
const byId = z.strictObject({ id: z.string().max(100) });

export const designsRouter = router({
  list: memberProcedure
    .input(z.strictObject({ search: z.string().max(200).optional() }).optional())
    .query(({ ctx, input }) => listDesigns(ctx.caller, input ?? {})),
  get: memberProcedure.input(byId).query(({ ctx, input }) => getDesign(ctx.caller, input.id)),
  create: editorProcedure
    .input(createDesignInput)
    .mutation(({ ctx, input }) => createDesign(ctx.caller, input)),
  update: editorProcedure
    .input(z.strictObject({ id: z.string().max(100), patch: updateDesignInput }))
    .mutation(({ ctx, input }) => updateDesign(ctx.caller, input.id, input.patch)),
  delete: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteDesign(ctx.caller, input.id);
    return { id: input.id };
  }),
  duplicate: editorProcedure
    .input(byId.extend(duplicateDesignInput.shape))
    .mutation(({ ctx, input }) => duplicateDesign(ctx.caller, input.id, { name: input.name })),
  validate: memberProcedure.input(byId).query(({ ctx, input }) => validateDesign(ctx.caller, input.id)),
  /** Validates an unsaved graph (the editor validates as you draw). */
  validateGraph: memberProcedure
    .input(z.strictObject({ graph: z.unknown() }))
    .query(({ ctx, input }) => validateForWorkspace(ctx.caller, input.graph)),
  /** The design's saved versions, newest first (without graphs). */
  versions: memberProcedure
    .input(designVersionsInput)
    .query(({ ctx, input }) => listDesignVersions(ctx.caller, input.id)),
  version: memberProcedure
    .input(designVersionInput)
    .query(({ ctx, input }) => getDesignVersion(ctx.caller, input.id, input.version)),
  /** Saves an old version as a new one; CONFLICT when expectedVersion is stale. */
  restoreVersion: editorProcedure
    .input(restoreDesignVersionInput)
    .mutation(({ ctx, input }) =>
      restoreDesignVersion(ctx.caller, input.id, input.version, input.expectedVersion),
    ),
  /** Whether the design is served as an MCP server, its public agents and the endpoint URL. */
  publishing: memberProcedure.input(byId).query(({ ctx, input }) => getMcpPublishing(ctx.caller, input.id)),
  setPublishing: editorProcedure
    .input(setMcpPublishingInput)
    .mutation(({ ctx, input: { id, ...settings } }) => setMcpPublishing(ctx.caller, id, settings)),
});
