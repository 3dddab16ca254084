import { z } from "zod";
import { roleSchema } from "@/server/auth/roles";
import { recordIdSchema } from "@/server/db/ids";

/** Input schemas for workspaces, members and invitations, shared by tRPC, REST and the page. */

export const WORKSPACE_NAME_MAX = 80;
export const INVITE_HOURS_MIN = 1;
export const INVITE_HOURS_MAX = 720;
export const INVITE_HOURS_DEFAULT = 168;

const noControlCharacters = (value: string) =>
  ![...value].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, "A workspace needs a name.")
  .max(WORKSPACE_NAME_MAX, `A workspace name has at most ${WORKSPACE_NAME_MAX} characters.`)
  .refine(noControlCharacters, "A workspace name cannot contain control characters.");

export const workspaceIdSchema = recordIdSchema;

/**
 * User ids come from the auth library (letters, digits, dashes and underscores); anything else
 * cannot be a member and is answered "not found" before it reaches the database.
 */
export const memberUserIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const createWorkspaceInput = z.strictObject({ name: workspaceNameSchema });
export const renameWorkspaceInput = z.strictObject({ name: workspaceNameSchema });
export const switchWorkspaceInput = z.strictObject({ id: z.string().max(100) });

export const changeRoleBody = z.strictObject({ role: roleSchema });
export const changeRoleInput = z.strictObject({ userId: z.string().max(100), role: roleSchema });
export const memberByIdInput = z.strictObject({ userId: z.string().max(100) });

export const inviteHoursSchema = z
  .number()
  .int("Choose a whole number of hours.")
  .min(INVITE_HOURS_MIN, `An invitation lasts at least ${INVITE_HOURS_MIN} hour.`)
  .max(INVITE_HOURS_MAX, `An invitation lasts at most ${INVITE_HOURS_MAX} hours (30 days).`);

export const createInviteInput = z.strictObject({
  role: roleSchema,
  expiresInHours: inviteHoursSchema.default(INVITE_HOURS_DEFAULT),
});
export const inviteByIdInput = z.strictObject({ id: z.string().max(100) });
export const acceptInviteInput = z.strictObject({ token: z.string().min(1).max(200) });
