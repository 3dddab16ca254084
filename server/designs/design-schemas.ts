import { z } from "zod";
import { recordIdSchema } from "@/server/db/ids";

/** Input schemas for designs, shared by tRPC, the REST API and the page's forms. */

export const DESIGN_NAME_MAX = 200;
export const DESIGN_DESCRIPTION_MAX = 2_000;

// Control characters cannot be typed and break display; everything else (quotes, emoji,
// markup) is a legitimate name and is stored and shown literally.
const noControlCharacters = (value: string) =>
  ![...value].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

export const designNameSchema = z
  .string()
  .trim()
  .min(1, "A design needs a name.")
  .max(DESIGN_NAME_MAX, `A design name has at most ${DESIGN_NAME_MAX} characters.`)
  .refine(noControlCharacters, "A design name cannot contain control characters.");

export const designDescriptionSchema = z
  .string()
  .max(DESIGN_DESCRIPTION_MAX, `A description has at most ${DESIGN_DESCRIPTION_MAX} characters.`);

export const designIdSchema = recordIdSchema;

export const createDesignInput = z.strictObject({
  name: designNameSchema,
  description: designDescriptionSchema.optional(),
  // The graph is checked by the graph validator, which gives issues per node and edge.
  graph: z.unknown().optional(),
});

export const updateDesignInput = z
  .strictObject({
    name: designNameSchema.optional(),
    description: designDescriptionSchema.optional(),
    graph: z.unknown().optional(),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .refine(
    (input) => input.name !== undefined || input.graph !== undefined || input.description !== undefined,
    {
      message: "Send at least one of name, description or graph.",
    },
  );

export const duplicateDesignInput = z.strictObject({ name: designNameSchema.optional() });

export type CreateDesignInput = z.infer<typeof createDesignInput>;
export type UpdateDesignInput = z.infer<typeof updateDesignInput>;

// ---------- Versions ----------

/** Version numbers are stored as 32-bit integers; anything outside cannot name a version. */
export const designVersionNumberSchema = z.int().min(1).max(2_147_483_647);

/** A version number as it appears in a URL path ("3"); anything else names no version. */
export const designVersionParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .pipe(designVersionNumberSchema);

export const designVersionsInput = z.strictObject({ id: z.string().max(100) });

export const designVersionInput = z.strictObject({
  id: z.string().max(100),
  version: designVersionNumberSchema,
});

/** REST body of a restore; expectedVersion guards against overwriting a save made elsewhere. */
export const restoreDesignVersionBody = z.strictObject({
  expectedVersion: designVersionNumberSchema.optional(),
});

export const restoreDesignVersionInput = designVersionInput.extend(restoreDesignVersionBody.shape);
