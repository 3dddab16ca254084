import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast, type Role } from "@/server/auth/roles";
import { ForbiddenError, UnauthenticatedError } from "@/server/errors";

/**
 * The one gate of every API edge: tRPC procedures (memberProcedure, editorProcedure,
 * ownerProcedure) and REST routes (`restRoute(minimumRole, ...)`) both declare the least role they
 * need and pass through here. Services may check again for their own reasons; this is what the
 * security suite holds every endpoint to.
 */
export function requireRole(caller: Caller | null, minimum: Role): Caller {
  if (!caller) throw new UnauthenticatedError();
  if (!atLeast(caller.role, minimum)) throw new ForbiddenError(forbiddenMessage(minimum));
  return caller;
}

function forbiddenMessage(minimum: Role): string {
  return minimum === "owner"
    ? "Only workspace owners can do this."
    : "Viewers can look but not change anything; ask an owner for the editor role.";
}
