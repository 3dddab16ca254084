import "server-only";
import { atLeast } from "@/server/auth/roles";
import type { Caller } from "@/server/auth/caller";
import type { CreateDesignInput, UpdateDesignInput } from "@/server/designs/design-schemas";
import { designIdSchema } from "@/server/designs/design-schemas";
import { checkGraphForSave, emptyGraph } from "@/server/designs/graph-for-save";
import type { Graph } from "@/server/designs/graph-schema";
import { validateGraph, type GraphIssue } from "@/server/designs/validate-graph";
import { type Prisma } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/errors";
import { registeredServerNames } from "@/server/mcp/registry/service";

export type DesignSummary = {
  id: string;
  name: string;
  description: string;
  version: number;
  nodeCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export type Design = Omit<DesignSummary, "nodeCount"> & {
  graph: Graph;
  /** Whether it is served as an MCP server, and which agents are its tools (mcp-publishing.ts). */
  mcp: { published: boolean; publicAgents: string[] };
};

export type GraphValidation = { valid: boolean; issues: GraphIssue[] };

type DesignRow = {
  id: string;
  name: string;
  description: string;
  graph: Prisma.JsonValue;
  version: number;
  mcpPublished: boolean;
  mcpPublicAgents: string[];
  createdAt: Date;
  updatedAt: Date;
};

function toDesign(row: DesignRow): Design {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Stored graphs passed checkGraphForSave on the way in.
    graph: row.graph as Graph,
    version: row.version,
    mcp: { published: row.mcpPublished, publicAgents: row.mcpPublicAgents },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function requireEditor(caller: Caller): void {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot change designs.");
}

/** Ids that are not UUIDs cannot exist: answer "not found" without asking the database. */
function requireDesignId(id: string): string {
  if (!designIdSchema.safeParse(id).success) throw new NotFoundError("Design");
  return id;
}

const asJson = (graph: Graph) => graph as unknown as Prisma.InputJsonValue;

export async function listDesigns(
  caller: Caller,
  options: { search?: string } = {},
): Promise<DesignSummary[]> {
  const search = options.search?.trim();
  const rows = await scopedDb(caller).design.findMany({
    where: search ? { name: { contains: search, mode: "insensitive" } } : {},
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      description: true,
      version: true,
      graph: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows.map(({ graph, ...row }) => ({ ...row, nodeCount: (graph as Graph).nodes.length }));
}

export async function getDesign(caller: Caller, id: string): Promise<Design> {
  const row = await scopedDb(caller).design.findUnique({ where: { id: requireDesignId(id) } });
  if (!row) throw new NotFoundError("Design");
  return toDesign(row);
}

export async function createDesign(caller: Caller, input: CreateDesignInput): Promise<Design> {
  requireEditor(caller);
  const graph = input.graph === undefined ? emptyGraph() : checkGraphForSave(input.graph);
  const db = scopedDb(caller);
  const row = await db.$transaction(async (transaction) => {
    const design = await transaction.design.create({
      data: {
        workspaceId: caller.workspaceId,
        name: input.name,
        description: input.description ?? "",
        graph: asJson(graph),
        createdById: caller.userId,
      },
    });
    await transaction.designVersion.create({
      data: {
        workspaceId: caller.workspaceId,
        designId: design.id,
        version: design.version,
        name: design.name,
        description: design.description,
        graph: asJson(graph),
        authorId: caller.userId,
      },
    });
    return design;
  });
  return toDesign(row);
}

/**
 * Saves a new version. With expectedVersion, the save happens only if nobody saved in between
 * (optimistic concurrency); otherwise ConflictError carries the current version.
 */
export async function updateDesign(caller: Caller, id: string, input: UpdateDesignInput): Promise<Design> {
  requireEditor(caller);
  requireDesignId(id);
  const graph = input.graph === undefined ? undefined : checkGraphForSave(input.graph);
  const row = await scopedDb(caller).$transaction(async (transaction) => {
    const current = await transaction.design.findUnique({ where: { id }, select: { version: true } });
    if (!current) throw new NotFoundError("Design");
    const base = input.expectedVersion ?? current.version;
    if (base !== current.version) throw staleVersion(base, current.version);
    // The version in the filter makes the save atomic: of two concurrent saves from the same
    // version, the second finds no row to update and is told so.
    const { count } = await transaction.design.updateMany({
      where: { id, version: base },
      data: {
        name: input.name,
        description: input.description,
        graph: graph === undefined ? undefined : asJson(graph),
        version: base + 1,
      },
    });
    if (count === 0) throw staleVersion(base, base + 1);
    const updated = await transaction.design.findUniqueOrThrow({ where: { id } });
    await transaction.designVersion.create({
      data: {
        workspaceId: caller.workspaceId,
        designId: id,
        version: updated.version,
        name: updated.name,
        description: updated.description,
        graph: updated.graph as Prisma.InputJsonValue,
        authorId: caller.userId,
      },
    });
    return updated;
  });
  return toDesign(row);
}

function staleVersion(expected: number, current: number): ConflictError {
  return new ConflictError(
    `The design was saved elsewhere in the meantime: it is at version ${current}, your change was based on version ${expected}. Reload it, or save again to overwrite.`,
    { currentVersion: current },
  );
}

export async function deleteDesign(caller: Caller, id: string): Promise<void> {
  requireEditor(caller);
  const { count } = await scopedDb(caller).design.deleteMany({ where: { id: requireDesignId(id) } });
  if (count === 0) throw new NotFoundError("Design");
}

export async function duplicateDesign(
  caller: Caller,
  id: string,
  input: { name?: string } = {},
): Promise<Design> {
  const original = await getDesign(caller, id);
  return createDesign(caller, {
    name: input.name ?? `${original.name} (copy)`.slice(0, 200),
    description: original.description,
    graph: original.graph,
  });
}

export async function validateDesign(caller: Caller, id: string): Promise<GraphValidation> {
  const design = await getDesign(caller, id);
  return validateForWorkspace(caller, design.graph);
}

/** Validates a graph against what this workspace has (its MCP server registry). */
export async function validateForWorkspace(caller: Caller, graph: unknown): Promise<GraphValidation> {
  const { valid, issues } = validateGraph(graph, { mcpServers: await registeredServerNames(caller) });
  return { valid, issues };
}
