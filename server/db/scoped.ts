import "server-only";
import type { Caller } from "@/server/auth/caller";
import { db } from "@/server/db/client";

/** Models that belong to a workspace; every query on them is confined to the caller's. */
const WORKSPACE_MODELS = new Set([
  "Design",
  "DesignVersion",
  "Run",
  "ApiToken",
  "Invite",
  "Membership",
  "ProviderCredential",
  "ShareLink",
  "ChatSession",
  "ChatMessage",
  "McpServer",
]);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

type OperationArgs = { where?: object; data?: object | object[]; create?: object };

/**
 * The one helper through which services reach workspace data. It adds `workspaceId` to the filter
 * of every read, update and delete, and sets it on every create, so a query cannot see or touch
 * another workspace's rows even if a service forgets to filter.
 */
export function scopedDb(caller: Pick<Caller, "workspaceId">) {
  const { workspaceId } = caller;
  return db().$extends({
    name: "workspace-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          // Prisma types these generically (any); name the one shape this hook touches.
          const run = query as (input: unknown) => Promise<unknown>;
          if (!WORKSPACE_MODELS.has(model)) return run(args);
          const scoped: OperationArgs = { ...(args as OperationArgs) };
          if (WHERE_OPERATIONS.has(operation)) scoped.where = { ...scoped.where, workspaceId };
          if (operation === "create") scoped.data = { ...scoped.data, workspaceId };
          if (operation === "createMany" || operation === "createManyAndReturn") {
            const data = scoped.data;
            const rows: object[] =
              data === undefined ? [] : Array.isArray(data) ? (data as object[]) : [data];
            scoped.data = rows.map((row) => ({ ...row, workspaceId }));
          }
          if (operation === "upsert") scoped.create = { ...scoped.create, workspaceId };
          return run(scoped);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof scopedDb>;
/** The scoped client inside `scopedDb(caller).$transaction(async (transaction) => ...)`. */
export type ScopedTransaction = Omit<
  ScopedDb,
  "$extends" | "$transaction" | "$connect" | "$disconnect" | "$on"
>;
