import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { auditCaller } from "@/server/audit/audit-log";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { Prisma } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/server/errors";
import { checkEntryPolicy, type RegistryPolicy } from "@/server/mcp/registry/entry-policy";
import { mcpConfigFromEnv } from "@/server/mcp/mcp-config";
import { mcpServerUpdateSchema, type McpServerUpdate } from "@/server/mcp/registry/registry-schemas";
import { openSecretMap, sealSecretMap, type SecretKind } from "@/server/mcp/registry/secret-maps";
import { requireServerName } from "@/server/mcp/registry/server-name";
import { SUMMARY_COLUMNS, toMcpServerSummary } from "@/server/mcp/registry/to-summary";
import { mcpServerInputSchema, type McpServerInput, type McpServerSummary } from "@/server/mcp/server-entry";

/**
 * The workspace's MCP server registry: any member reads it (names, commands, URLs, the names of
 * secrets), owners change it. Secret values go in encrypted and never come back out of here;
 * only entries.ts decrypts them, for the server's own connections.
 */

function requireOwner(caller: Caller): void {
  if (!atLeast(caller.role, "owner")) {
    throw new ForbiddenError("Only workspace owners can add, change or delete MCP servers.");
  }
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
  }));
  throw new InvalidInputError("The MCP server entry does not have the expected fields.", issues);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function isMissingRow(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

function duplicateName(name: string): ConflictError {
  return new ConflictError(`An MCP server named "${name}" already exists in this workspace.`);
}

export async function listMcpServers(caller: Caller): Promise<McpServerSummary[]> {
  const rows = await scopedDb(caller).mcpServer.findMany({
    select: SUMMARY_COLUMNS,
    orderBy: { name: "asc" },
  });
  return rows.map(toMcpServerSummary);
}

export async function getMcpServer(caller: Caller, name: string): Promise<McpServerSummary> {
  const row = await scopedDb(caller).mcpServer.findFirst({
    where: { name: requireServerName(name) },
    select: SUMMARY_COLUMNS,
  });
  if (!row) throw new NotFoundError("MCP server");
  return toMcpServerSummary(row);
}

/** The registered names: what a design may name in an agent's `servers` and `tools`. */
export async function registeredServerNames(caller: Pick<Caller, "workspaceId">): Promise<Set<string>> {
  const rows = await scopedDb(caller).mcpServer.findMany({ select: { name: true } });
  return new Set(rows.map((row) => row.name));
}

type SecretColumns = {
  envEncrypted?: string | null;
  envNames?: string[];
  headersEncrypted?: string | null;
  headerNames?: string[];
};

const NO_SECRETS = { envEncrypted: null, envNames: [], headersEncrypted: null, headerNames: [] };

/** The columns of the entry's transport; the other transport's columns are cleared. */
function transportColumns(entry: McpServerInput | McpServerUpdate, secrets: SecretColumns) {
  const stdio = entry.transport === "stdio";
  return {
    transport: entry.transport,
    command: stdio ? entry.command : null,
    args: stdio ? entry.args : [],
    cwd: stdio ? (entry.cwd ?? null) : null,
    url: stdio ? null : entry.url,
    ...NO_SECRETS,
    ...secrets,
  };
}

function sealSecrets(
  transport: McpServerInput["transport"],
  map: Record<string, string>,
  where: { workspaceId: string; serverId: string },
): SecretColumns {
  if (transport === "stdio") {
    const sealed = sealSecretMap(map, { ...where, kind: "env" });
    return { envEncrypted: sealed.encrypted, envNames: sealed.names };
  }
  const sealed = sealSecretMap(map, { ...where, kind: "headers" });
  return { headersEncrypted: sealed.encrypted, headerNames: sealed.names };
}

/** Resolves `null` values of an update to the stored values of the same names. */
function withKeptValues(
  given: Record<string, string | null>,
  stored: Record<string, string>,
  kind: SecretKind,
): Record<string, string> {
  const result: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, value] of Object.entries(given)) {
    const resolved = value ?? stored[key];
    if (resolved === undefined) missing.push(key);
    else result[key] = resolved;
  }
  if (missing.length > 0) {
    const what = kind === "env" ? "environment variable" : "header";
    throw new InvalidInputError(
      `There is no stored value to keep for ${missing.map((key) => `"${key}"`).join(", ")}; enter a value.`,
      missing.map((key) => ({
        code: "no_stored_value",
        message: `The ${what} "${key}" has no stored value to keep; enter a value.`,
        path: [kind, key],
      })),
    );
  }
  return result;
}

/** Registers a server (owners only); 409 when the name is taken. */
export async function createMcpServer(
  caller: Caller,
  input: z.input<typeof mcpServerInputSchema>,
  policy: RegistryPolicy = mcpConfigFromEnv(),
): Promise<McpServerSummary> {
  requireOwner(caller);
  const entry = parseOrThrow(mcpServerInputSchema, input);
  await checkEntryPolicy(entry, policy);
  // The id is chosen here because the secrets' encryption context names it.
  const id = randomUUID();
  try {
    const row = await scopedDb(caller).mcpServer.create({
      data: {
        id,
        workspaceId: caller.workspaceId,
        name: entry.name,
        description: entry.description,
        ...transportColumns(
          entry,
          sealSecrets(entry.transport, entry.transport === "stdio" ? entry.env : entry.headers, {
            workspaceId: caller.workspaceId,
            serverId: id,
          }),
        ),
      },
      select: SUMMARY_COLUMNS,
    });
    await auditRegistry(caller, "mcp-server.created", id, entry.name, entry.transport);
    return toMcpServerSummary(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(entry.name);
    throw error;
  }
}

/**
 * Changes a server (owners only): see mcpServerUpdateSchema for what an omitted field means.
 * Stored secrets are kept only while the transport keeps them (stdio env, http/sse headers).
 */
export async function updateMcpServer(
  caller: Caller,
  name: string,
  input: z.input<typeof mcpServerUpdateSchema>,
  policy: RegistryPolicy = mcpConfigFromEnv(),
): Promise<McpServerSummary> {
  requireOwner(caller);
  requireServerName(name);
  const update = parseOrThrow(mcpServerUpdateSchema, input);
  const db = scopedDb(caller);
  const current = await db.mcpServer.findFirst({
    where: { name },
    select: {
      id: true,
      description: true,
      transport: true,
      envEncrypted: true,
      envNames: true,
      headersEncrypted: true,
      headerNames: true,
    },
  });
  if (!current) throw new NotFoundError("MCP server");
  const where = { workspaceId: caller.workspaceId, serverId: current.id };
  const newName = update.name ?? name;
  const description = update.description ?? current.description;

  const kind: SecretKind = update.transport === "stdio" ? "env" : "headers";
  // Stored secrets carry over only while the transport keeps that kind of secret.
  const keepsKind = (current.transport === "stdio") === (update.transport === "stdio");
  const given = update.transport === "stdio" ? update.env : update.headers;
  let secrets: SecretColumns = {};
  if (given !== undefined) {
    // Decrypted only when a value is kept: re-entering every value also repairs unreadable secrets.
    const keepsValues = keepsKind && Object.values(given).some((value) => value === null);
    const stored = keepsValues
      ? openSecretMap(kind === "env" ? current.envEncrypted : current.headersEncrypted, {
          ...where,
          serverName: name,
          kind,
        })
      : {};
    secrets = sealSecrets(update.transport, withKeptValues(given, stored, kind), where);
  } else if (keepsKind) {
    secrets =
      kind === "env"
        ? { envEncrypted: current.envEncrypted, envNames: current.envNames }
        : { headersEncrypted: current.headersEncrypted, headerNames: current.headerNames };
  }
  await checkEntryPolicy(update, policy);
  try {
    const row = await db.mcpServer.update({
      where: { id: current.id },
      data: { name: newName, description, ...transportColumns(update, secrets) },
      select: SUMMARY_COLUMNS,
    });
    await auditRegistry(caller, "mcp-server.updated", current.id, newName, update.transport);
    return toMcpServerSummary(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(newName);
    // Deleted by someone else between the read and the write.
    if (isMissingRow(error)) throw new NotFoundError("MCP server");
    throw error;
  }
}

/** Removes a server (owners only). Designs naming it then fail validation, and their runs are refused. */
export async function deleteMcpServer(caller: Caller, name: string): Promise<void> {
  requireOwner(caller);
  const { count } = await scopedDb(caller).mcpServer.deleteMany({ where: { name: requireServerName(name) } });
  if (count === 0) throw new NotFoundError("MCP server");
  await auditRegistry(caller, "mcp-server.deleted", null, name, null);
}

/** Registry changes decide what the server runs and reaches, so each is in the audit log (no secrets). */
function auditRegistry(
  caller: Caller,
  action: "mcp-server.created" | "mcp-server.updated" | "mcp-server.deleted",
  id: string | null,
  name: string,
  transport: string | null,
): Promise<void> {
  return auditCaller(caller, action, {
    ...(id ? { target: { type: "mcp-server", id } } : {}),
    details: { name, transport },
    ipAddress: caller.address ?? null,
  });
}
