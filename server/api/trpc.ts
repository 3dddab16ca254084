import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { authenticate } from "@/server/auth/authenticate";
import type { Caller } from "@/server/auth/caller";
import { requireRole } from "@/server/auth/access";
import type { Role } from "@/server/auth/roles";
import { trpcCodeOf } from "@/server/api/domain-error-status";
import { ConflictError, DomainError, InvalidInputError } from "@/server/errors";
import { log } from "@/server/log";

/** `resHeaders` (absent in server-side calls) lets a procedure set a cookie on the answer. */
export type TrpcContext = { caller: Caller | null; headers: Headers; resHeaders?: Headers };

export async function createTrpcContext({
  headers,
  resHeaders,
}: {
  headers: Headers;
  resHeaders?: Headers;
}): Promise<TrpcContext> {
  return { caller: await authenticate(headers), headers, resHeaders };
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues =
      cause instanceof InvalidInputError
        ? cause.issues
        : cause instanceof ZodError
          ? cause.issues.map((issue) => ({ code: issue.code, message: issue.message, path: issue.path }))
          : undefined;
    const details = cause instanceof ConflictError ? cause.details : undefined;
    return { ...shape, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, issues, details } };
  },
});

/**
 * Domain errors become tRPC errors with their user-facing message; anything else is logged with
 * an id and reaches the browser only as "An error occurred".
 */
const errorBoundary = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const error = result.error;
  const cause = error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: trpcCodeOf(cause), message: cause.message, cause });
  }
  if (error.code !== "INTERNAL_SERVER_ERROR") return result;
  const errorId = log.unexpected(cause ?? error, { path });
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `An error occurred (error id ${errorId}).` });
});

export const router = t.router;
export const publicProcedure = t.procedure.use(errorBoundary);

const requireCaller = (minimum: Role) =>
  t.middleware(({ ctx, next }) => next({ ctx: { ...ctx, caller: requireRole(ctx.caller, minimum) } }));

/** Any member of the workspace (viewers included). */
export const memberProcedure = publicProcedure.use(requireCaller("viewer"));
/** Editors and owners: everything that changes designs, runs and chats. */
export const editorProcedure = publicProcedure.use(requireCaller("editor"));
/** Owners: settings, members, registry, provider keys. */
export const ownerProcedure = publicProcedure.use(requireCaller("owner"));
