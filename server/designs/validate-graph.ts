/**
 * Validates a design graph (graph-format.md, "Validation") into attributed issues; never throws.
 *
 * The top-level shape is checked first, then every node and edge on its own, so that one bad node
 * does not hide the problems of the others; cross-node rules run last on whatever was readable.
 * Every check is linear in the size of the graph, and nothing recurses on graph depth.
 */
import { z } from "zod";

import { parseModelString } from "@/server/models/model-string";

import {
  EDGE_ROLES,
  GRAPH_FORMAT_VERSION,
  MAX_EDGES,
  MAX_GRAPH_BYTES,
  MAX_NODES,
  MAX_STRING_LENGTH,
  NAME_PATTERN,
  NODE_SCHEMAS_BY_TYPE,
  NODE_TYPES,
  ROLES_BY_TYPE,
  edgeSchema,
  graphSchema,
  idSchema,
  nameSchema,
  positionSchema,
  type EdgeRole,
  type Graph,
  type NodeType,
  type RoleRule,
} from "./graph-schema";

export const GRAPH_ISSUE_CODES = [
  "invalid_graph",
  "unsupported_version",
  "too_many_nodes",
  "too_many_edges",
  "graph_too_large",
  "string_too_long",
  "duplicate_node_id",
  "duplicate_edge_id",
  "unknown_node_type",
  "invalid_node",
  "invalid_edge",
  "invalid_name",
  "duplicate_name",
  "unknown_role",
  "edge_missing_node",
  "self_reference",
  "cycle",
  "missing_child",
  "too_many_children",
  "unknown_mcp_server",
  "unknown_model_provider",
  "invalid_model",
  "entry_not_found",
  "empty_graph",
  "duplicate_order",
  "duplicate_edge",
  "unreachable_node",
] as const;
export type GraphIssueCode = (typeof GRAPH_ISSUE_CODES)[number];

/**
 * Issues that mean the input is not a v1 graph at all (wrong shape, unknown fields or types,
 * broken limits), as opposed to a graph that is drawn but not finished: the first kind cannot be
 * saved, the second can (and cannot run until fixed).
 */
export const SHAPE_ISSUE_CODES: ReadonlySet<GraphIssueCode> = new Set<GraphIssueCode>([
  "invalid_graph",
  "unsupported_version",
  "too_many_nodes",
  "too_many_edges",
  "graph_too_large",
  "string_too_long",
  "duplicate_node_id",
  "duplicate_edge_id",
  "unknown_node_type",
  "invalid_node",
  "invalid_edge",
]);

// `code` stays a plain string so that later stages (e.g. a run refusing a missing API key) can
// report issues in the same shape with codes of their own.
export const graphIssueSchema = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type GraphIssue = z.infer<typeof graphIssueSchema>;
export type GraphIssuePath = (string | number)[];

export interface ValidateGraphOptions {
  /** Names of the registered MCP servers; when absent, server names are not checked. */
  mcpServers?: ReadonlySet<string>;
}

export interface GraphValidationResult {
  valid: boolean;
  issues: GraphIssue[];
  /** The parsed graph; set only when no issue is an error. */
  graph?: Graph;
}

const TYPE_LABELS: Record<NodeType, string> = {
  agent: "Agent",
  chain: "Chain",
  parallel: "Parallel",
  router: "Router",
  evaluator_optimizer: "Evaluator-optimizer",
  orchestrator: "Orchestrator",
  maker: "MAKER",
};

const ROLE_NOUNS: Record<EdgeRole, { one: string; many: string }> = {
  tool: { one: "tool", many: "tools" },
  step: { one: "step", many: "steps" },
  fan_out: { one: "fan-out child", many: "fan-out children" },
  fan_in: { one: "fan-in child", many: "fan-in children" },
  route: { one: "route", many: "routes" },
  generator: { one: "generator", many: "generators" },
  evaluator: { one: "evaluator", many: "evaluators" },
  worker: { one: "worker", many: "workers" },
};

const TOP_LEVEL_KEYS = new Set(["version", "entry", "defaultModel", "nodes", "edges"]);
const MODEL_BEARING_TYPES: ReadonlySet<NodeType> = new Set(["agent", "router", "orchestrator"]);
const NAME_RULE = "names use 1 to 64 letters, digits, underscores or hyphens";

// Nodes of an unknown type still get their envelope checked, so their other mistakes show too.
const unknownTypeNodeSchema = z.strictObject({
  id: idSchema,
  type: z.string(),
  position: positionSchema,
  data: z.record(z.string(), z.unknown()),
});

type UnknownRecord = Record<string, unknown>;

interface NodeInfo {
  index: number;
  id: string;
  type: NodeType | undefined;
  name: string | undefined;
  label: string;
  data: UnknownRecord | undefined;
}

interface ChildLink {
  target: string;
  edgeId: string | undefined;
  edgeIndex: number;
}

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

function isEdgeRole(value: string): value is EdgeRole {
  return (EDGE_ROLES as readonly string[]).includes(value);
}

function isValidId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

function isValidName(value: unknown): value is string {
  return typeof value === "string" && NAME_PATTERN.test(value);
}

function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}

function preview(value: unknown): string {
  if (typeof value === "string") return quote(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${typeof value} ${String(value)}`;
  }
  if (value === undefined) return "nothing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "the value" : text;
}

function toIssuePath(path: readonly PropertyKey[]): GraphIssuePath {
  return path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null || typeof segment === "symbol") return undefined;
    current = (current as UnknownRecord)[String(segment)];
  }
  return current;
}

/** UTF-8 byte length without allocating an encoded copy of a possibly large string. */
function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function stringifyOrUndefined(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    // Circular structures, BigInt and too-deep nesting cannot be stored, so they cannot be designs.
    return undefined;
  }
}

const EXPECTED_LABELS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  record: "an object",
};

function describeZodIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      return `must be ${EXPECTED_LABELS[issue.expected] ?? issue.expected}, not ${preview(value)}`;
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? "must not be empty"
          : `needs at least ${issue.minimum} characters`;
      }
      if (issue.origin === "array") return `needs at least ${issue.minimum} items`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === "array") return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((option) => JSON.stringify(option)).join(", ")}, not ${preview(value)}`;
    case "invalid_format":
      return `has an invalid format (${preview(value)})`;
    case "invalid_key":
      return "has an invalid key (keys must be non-empty text of at most 100,000 characters)";
    case "invalid_element":
    case "invalid_union":
    case "not_multiple_of":
    case "unrecognized_keys":
    case "custom":
      return issue.message;
  }
}

class IssueList {
  readonly issues: GraphIssue[] = [];

  error(
    code: GraphIssueCode,
    message: string,
    where: Omit<GraphIssue, "severity" | "code" | "message"> = {},
  ) {
    this.issues.push({ severity: "error", code, message, ...where });
  }

  warning(
    code: GraphIssueCode,
    message: string,
    where: Omit<GraphIssue, "severity" | "code" | "message"> = {},
  ) {
    this.issues.push({ severity: "warning", code, message, ...where });
  }

  get hasErrors(): boolean {
    return this.issues.some((issue) => issue.severity === "error");
  }
}

function pushZodIssues(
  issues: IssueList,
  error: z.ZodError,
  raw: unknown,
  basePath: GraphIssuePath,
  subject: string,
  kind: "invalid_node" | "invalid_edge",
  attribution: { nodeId?: string; edgeId?: string },
): void {
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const fieldPath = [...issue.path, key];
        issues.error(kind, `${subject} has an unknown field "${pathText(fieldPath)}".`, {
          ...attribution,
          path: [...basePath, ...toIssuePath(fieldPath)],
        });
      }
      continue;
    }
    const value = valueAt(raw, issue.path);
    const path = [...basePath, ...toIssuePath(issue.path)];
    if (issue.path.length === 2 && issue.path[0] === "data" && issue.path[1] === "name") {
      const message =
        value === undefined
          ? `${subject} needs a name (${NAME_RULE}).`
          : `${subject} has an invalid name ${preview(value)}: ${NAME_RULE}.`;
      issues.error("invalid_name", message, { ...attribution, path });
      continue;
    }
    if (issue.code === "too_big" && issue.origin === "string" && issue.maximum === MAX_STRING_LENGTH) {
      issues.error(
        "string_too_long",
        `${subject}: ${pathText(issue.path)} is longer than ${MAX_STRING_LENGTH.toLocaleString("en-US")} characters.`,
        { ...attribution, path },
      );
      continue;
    }
    issues.error(kind, `${subject}: ${pathText(issue.path)} ${describeZodIssue(issue, value)}.`, {
      ...attribution,
      path,
    });
  }
}

function nodeLabel(
  index: number,
  id: string | undefined,
  type: NodeType | undefined,
  name: string | undefined,
) {
  const typeLabel = type === undefined ? "Node" : TYPE_LABELS[type];
  if (name !== undefined) return `${typeLabel} "${name}"`;
  if (id !== undefined) return `${typeLabel === "Node" ? "Node" : `${typeLabel} node`} ${quote(id)}`;
  return `Node #${index + 1}`;
}

function displayName(node: NodeInfo): string {
  return quote(node.name ?? node.id);
}

function checkModel(
  issues: IssueList,
  model: unknown,
  subject: string,
  where: Omit<GraphIssue, "severity" | "code" | "message">,
) {
  if (typeof model !== "string" || model.length > MAX_STRING_LENGTH) return;
  const parsed = parseModelString(model);
  if (!parsed.ok) issues.error(parsed.code, `${subject}: ${parsed.message}`, where);
}

function checkMcpServers(issues: IssueList, node: NodeInfo, mcpServers: ReadonlySet<string>): void {
  const data = node.data;
  if (node.type !== "agent" || data === undefined) return;
  const basePath = ["nodes", node.index, "data"];
  const unknownServer = (server: string) =>
    `${node.label} uses the MCP server ${quote(server)}, which is not registered in this workspace.`;
  if (Array.isArray(data.servers)) {
    data.servers.forEach((server: unknown, serverIndex) => {
      if (typeof server === "string" && !mcpServers.has(server)) {
        issues.error("unknown_mcp_server", unknownServer(server), {
          nodeId: node.id,
          path: [...basePath, "servers", serverIndex],
        });
      }
    });
  }
  if (isRecord(data.tools)) {
    for (const server of Object.keys(data.tools)) {
      if (!mcpServers.has(server)) {
        issues.error("unknown_mcp_server", unknownServer(server), {
          nodeId: node.id,
          path: [...basePath, "tools", server],
        });
      }
    }
  }
}

function checkNode(issues: IssueList, raw: unknown, index: number): NodeInfo | undefined {
  const basePath = ["nodes", index];
  if (!isRecord(raw)) {
    issues.error("invalid_node", `Node #${index + 1} must be an object with id, type, position and data.`, {
      path: basePath,
    });
    return undefined;
  }
  const id = isValidId(raw.id) ? raw.id : undefined;
  const rawType = raw.type;
  const type = typeof rawType === "string" && isNodeType(rawType) ? rawType : undefined;
  const data = isRecord(raw.data) ? raw.data : undefined;
  const name = isValidName(data?.name) ? data.name : undefined;
  const label = nodeLabel(index, id, type, name);
  const attribution = id === undefined ? {} : { nodeId: id };

  if (typeof rawType === "string" && type === undefined) {
    issues.error(
      "unknown_node_type",
      `${label} has the unknown type ${quote(rawType)}; known types: ${NODE_TYPES.join(", ")}.`,
      { ...attribution, path: [...basePath, "type"] },
    );
  }
  const schema = type === undefined ? unknownTypeNodeSchema : NODE_SCHEMAS_BY_TYPE[type];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) pushZodIssues(issues, parsed.error, raw, basePath, label, "invalid_node", attribution);
  if (type === undefined && data !== undefined && !nameSchema.safeParse(data.name).success) {
    // The type-specific schema that would have checked the name did not run.
    issues.error(
      "invalid_name",
      data.name === undefined
        ? `${label} needs a name (${NAME_RULE}).`
        : `${label} has an invalid name ${preview(data.name)}: ${NAME_RULE}.`,
      { ...attribution, path: [...basePath, "data", "name"] },
    );
  }
  if (id === undefined) return undefined;
  if (type !== undefined && MODEL_BEARING_TYPES.has(type) && data !== undefined) {
    checkModel(issues, data.model, label, { nodeId: id, path: [...basePath, "data", "model"] });
  }
  return { index, id, type, name, label, data };
}

interface EdgeContext {
  nodesById: ReadonlyMap<string, NodeInfo>;
  edgeIds: Set<string>;
  edgeKeys: Set<string>;
  stepOrders: Map<string, Map<number, string>>;
  childCounts: Map<string, Map<EdgeRole, number>>;
  children: Map<string, ChildLink[]>;
}

function checkEdgeEndpoint(
  issues: IssueList,
  context: EdgeContext,
  raw: UnknownRecord,
  end: "source" | "target",
  label: string,
  where: { edgeId?: string; path: GraphIssuePath },
): NodeInfo | undefined {
  const nodeId = raw[end];
  if (!isValidId(nodeId)) return undefined;
  const node = context.nodesById.get(nodeId);
  if (node === undefined) {
    const verb = end === "source" ? "starts at" : "points to";
    issues.error("edge_missing_node", `${label} ${verb} node ${quote(nodeId)}, which is not in the graph.`, {
      ...where,
      path: [...where.path, end],
    });
  }
  return node;
}

function checkEdge(issues: IssueList, context: EdgeContext, raw: unknown, index: number): void {
  const basePath = ["edges", index];
  if (!isRecord(raw)) {
    issues.error("invalid_edge", `Edge #${index + 1} must be an object with id, source, target and role.`, {
      path: basePath,
    });
    return;
  }
  const id = isValidId(raw.id) ? raw.id : undefined;
  const shortLabel = id === undefined ? `edge #${index + 1}` : `edge ${quote(id)}`;
  const label = `E${shortLabel.slice(1)}`;
  const attribution = id === undefined ? {} : { edgeId: id };

  if (id !== undefined) {
    if (context.edgeIds.has(id)) {
      issues.error("duplicate_edge_id", `${label} uses an id that another edge already has.`, {
        edgeId: id,
        path: [...basePath, "id"],
      });
    }
    context.edgeIds.add(id);
  }
  const rawRole = raw.role;
  const parsed = edgeSchema.safeParse(raw);
  if (!parsed.success) {
    const roleIsText = typeof rawRole === "string";
    // A textual but unknown role is reported below as unknown_role, with the allowed roles.
    const remaining = parsed.error.issues.filter((issue) => !(roleIsText && issue.path[0] === "role"));
    if (remaining.length > 0) {
      pushZodIssues(issues, new z.ZodError(remaining), raw, basePath, label, "invalid_edge", attribution);
    }
  }

  const where = { ...attribution, path: basePath };
  const source = checkEdgeEndpoint(issues, context, raw, "source", label, where);
  const target = checkEdgeEndpoint(issues, context, raw, "target", label, where);
  if (typeof rawRole !== "string") return;

  if (!isEdgeRole(rawRole)) {
    issues.error(
      "unknown_role",
      `${label} has the unknown role ${quote(rawRole)}; known roles: ${EDGE_ROLES.join(", ")}.`,
      {
        ...attribution,
        path: [...basePath, "role"],
      },
    );
    return;
  }
  if (source === undefined || source.type === undefined) return;
  const allowedRoles = Object.keys(ROLES_BY_TYPE[source.type]);
  if (!allowedRoles.includes(rawRole)) {
    issues.error(
      "unknown_role",
      `${label}: ${source.label} cannot have a ${ROLE_NOUNS[rawRole].one} child; ` +
        `a ${source.type} allows ${allowedRoles.map((role) => quote(role)).join(", ")}.`,
      { ...attribution, path: [...basePath, "role"] },
    );
    return;
  }

  const counts = context.childCounts.get(source.id) ?? new Map<EdgeRole, number>();
  counts.set(rawRole, (counts.get(rawRole) ?? 0) + 1);
  context.childCounts.set(source.id, counts);
  if (target === undefined) return;

  if (source.id === target.id) {
    issues.error("self_reference", `${label} makes ${source.label} its own ${ROLE_NOUNS[rawRole].one}.`, {
      ...attribution,
      nodeId: source.id,
      path: basePath,
    });
    return;
  }

  const edgeKey = JSON.stringify([source.id, target.id, rawRole]);
  if (context.edgeKeys.has(edgeKey)) {
    issues.warning(
      "duplicate_edge",
      `${label} repeats another edge from ${displayName(source)} to ${displayName(target)} with role "${rawRole}".`,
      where,
    );
  }
  context.edgeKeys.add(edgeKey);

  if (rawRole === "step" && typeof raw.order === "number" && Number.isInteger(raw.order)) {
    const orders = context.stepOrders.get(source.id) ?? new Map<number, string>();
    const earlier = orders.get(raw.order);
    if (earlier !== undefined) {
      issues.warning(
        "duplicate_order",
        `${source.label} has more than one step with order ${raw.order} (${earlier} and ${shortLabel}).`,
        { ...where, path: [...basePath, "order"] },
      );
    } else orders.set(raw.order, shortLabel);
    context.stepOrders.set(source.id, orders);
  }

  const links = context.children.get(source.id) ?? [];
  links.push({ target: target.id, edgeId: id, edgeIndex: index });
  context.children.set(source.id, links);
}

function describeCountRule(rule: RoleRule, role: EdgeRole): string {
  const noun = ROLE_NOUNS[role];
  if (rule.max !== undefined && rule.max === rule.min) {
    return `exactly ${rule.min === 1 ? `one ${noun.one}` : `${rule.min} ${noun.many}`}`;
  }
  if (rule.max !== undefined)
    return `at most ${rule.max === 1 ? `one ${noun.one}` : `${rule.max} ${noun.many}`}`;
  return `at least ${rule.min === 1 ? `one ${noun.one}` : `${rule.min} ${noun.many}`}`;
}

function checkChildCounts(
  issues: IssueList,
  node: NodeInfo,
  counts: ReadonlyMap<EdgeRole, number> | undefined,
) {
  if (node.type === undefined) return;
  const rules = Object.entries(ROLES_BY_TYPE[node.type]) as [EdgeRole, RoleRule][];
  for (const [role, rule] of rules) {
    const count = counts?.get(role) ?? 0;
    const where = { nodeId: node.id, path: ["nodes", node.index] };
    if (count < rule.min) {
      issues.error("missing_child", `${node.label} needs ${describeCountRule(rule, role)}.`, where);
    } else if (rule.max !== undefined && count > rule.max) {
      issues.error(
        "too_many_children",
        `${node.label} has ${count} ${ROLE_NOUNS[role].many} but allows ${describeCountRule(rule, role)}.`,
        where,
      );
    }
  }
}

/** Iterative depth-first search; reports one issue per edge that closes a cycle. */
function checkCycles(
  issues: IssueList,
  nodesById: ReadonlyMap<string, NodeInfo>,
  children: ReadonlyMap<string, readonly ChildLink[]>,
): void {
  const finished = new Set<string>();
  const stackIndexById = new Map<string, number>();
  for (const startId of nodesById.keys()) {
    if (finished.has(startId)) continue;
    const stack: { id: string; nextChild: number }[] = [{ id: startId, nextChild: 0 }];
    stackIndexById.set(startId, 0);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) break;
      const link = children.get(frame.id)?.[frame.nextChild];
      if (link === undefined) {
        stack.pop();
        stackIndexById.delete(frame.id);
        finished.add(frame.id);
        continue;
      }
      frame.nextChild += 1;
      if (finished.has(link.target)) continue;
      const openIndex = stackIndexById.get(link.target);
      if (openIndex === undefined) {
        stackIndexById.set(link.target, stack.length);
        stack.push({ id: link.target, nextChild: 0 });
        continue;
      }
      const loop = stack.slice(openIndex).map((entry) => entry.id);
      loop.push(link.target);
      const names = loop.map((nodeId) => {
        const node = nodesById.get(nodeId);
        return node === undefined ? quote(nodeId) : displayName(node);
      });
      const edgeText =
        link.edgeId === undefined ? `Edge #${link.edgeIndex + 1}` : `Edge ${quote(link.edgeId)}`;
      issues.error(
        "cycle",
        `${edgeText} closes a cycle: ${names.join(" → ")}. A workflow cannot contain itself.`,
        {
          nodeId: link.target,
          ...(link.edgeId === undefined ? {} : { edgeId: link.edgeId }),
          path: ["edges", link.edgeIndex],
        },
      );
    }
  }
}

function checkReachability(
  issues: IssueList,
  entry: NodeInfo,
  nodesById: ReadonlyMap<string, NodeInfo>,
  children: ReadonlyMap<string, readonly ChildLink[]>,
): void {
  const reached = new Set<string>([entry.id]);
  const queue: string[] = [entry.id];
  for (let head = 0; head < queue.length; head += 1) {
    const nodeId = queue[head];
    if (nodeId === undefined) continue;
    for (const link of children.get(nodeId) ?? []) {
      if (!reached.has(link.target)) {
        reached.add(link.target);
        queue.push(link.target);
      }
    }
  }
  for (const node of nodesById.values()) {
    if (reached.has(node.id)) continue;
    issues.warning(
      "unreachable_node",
      `${node.label} is not reachable from the entry ${displayName(entry)}; it runs only when called by name.`,
      { nodeId: node.id, path: ["nodes", node.index] },
    );
  }
}

function checkTopLevelFields(issues: IssueList, input: UnknownRecord): void {
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      issues.error("invalid_graph", `The graph has an unknown top-level field ${quote(key)}.`, {
        path: [key],
      });
    }
  }
  if (input.entry !== undefined && !isValidName(input.entry)) {
    issues.error(
      "invalid_graph",
      `The entry must be the name of a node (${NAME_RULE}), not ${preview(input.entry)}.`,
      {
        path: ["entry"],
      },
    );
  }
  const defaultModel = input.defaultModel;
  if (defaultModel === undefined) return;
  if (typeof defaultModel !== "string") {
    issues.error("invalid_graph", `The default model must be a model string, not ${preview(defaultModel)}.`, {
      path: ["defaultModel"],
    });
  } else if (defaultModel.length > MAX_STRING_LENGTH) {
    issues.error("string_too_long", "The default model is longer than 100,000 characters.", {
      path: ["defaultModel"],
    });
  } else {
    checkModel(issues, defaultModel, "The default model", { path: ["defaultModel"] });
  }
}

/** Checks whatever prevents reading the graph at all; true when validation can go on. */
function checkEnvelope(
  issues: IssueList,
  input: UnknownRecord,
): input is UnknownRecord & {
  nodes: unknown[];
  edges: unknown[];
} {
  const json = stringifyOrUndefined(input);
  if (json === undefined) {
    issues.error(
      "invalid_graph",
      "The graph cannot be written as JSON (it has a cycle or an unsupported value).",
    );
    return false;
  }
  if (json.length > MAX_GRAPH_BYTES || utf8ByteLength(json) > MAX_GRAPH_BYTES) {
    issues.error("graph_too_large", `The graph is larger than ${MAX_GRAPH_BYTES / 1024} KiB of JSON.`);
    return false;
  }
  if (input.version === undefined) {
    issues.error("invalid_graph", `The graph has no version; expected ${GRAPH_FORMAT_VERSION}.`, {
      path: ["version"],
    });
  } else if (input.version !== GRAPH_FORMAT_VERSION) {
    issues.error(
      "unsupported_version",
      `Graph format version ${preview(input.version)} is not supported; this app reads version ${GRAPH_FORMAT_VERSION}.`,
      { path: ["version"] },
    );
    return false;
  }
  let readable = true;
  for (const key of ["nodes", "edges"] as const) {
    if (!Array.isArray(input[key])) {
      issues.error("invalid_graph", `The graph's ${key} must be a list, not ${preview(input[key])}.`, {
        path: [key],
      });
      readable = false;
    }
  }
  if (!readable) return false;
  const nodes = input.nodes as unknown[];
  const edges = input.edges as unknown[];
  if (nodes.length > MAX_NODES) {
    issues.error("too_many_nodes", `The graph has ${nodes.length} nodes; at most ${MAX_NODES} are allowed.`, {
      path: ["nodes"],
    });
  }
  if (edges.length > MAX_EDGES) {
    issues.error("too_many_edges", `The graph has ${edges.length} edges; at most ${MAX_EDGES} are allowed.`, {
      path: ["edges"],
    });
  }
  // Past the limits the graph is refused outright; analysing it further would only cost time.
  return nodes.length <= MAX_NODES && edges.length <= MAX_EDGES;
}

function findEntry(
  issues: IssueList,
  input: UnknownRecord,
  nodes: readonly NodeInfo[],
  nodesByName: ReadonlyMap<string, NodeInfo>,
): NodeInfo | undefined {
  if (input.entry === undefined) return nodes[0]?.index === 0 ? nodes[0] : undefined;
  if (!isValidName(input.entry)) return undefined;
  const entry = nodesByName.get(input.entry);
  if (entry === undefined) {
    issues.error("entry_not_found", `The entry ${quote(input.entry)} is not the name of any node.`, {
      path: ["entry"],
    });
  }
  return entry;
}

function validateReadable(
  issues: IssueList,
  input: UnknownRecord & { nodes: unknown[]; edges: unknown[] },
  options: ValidateGraphOptions,
): void {
  checkTopLevelFields(issues, input);
  if (input.nodes.length === 0) {
    issues.error("empty_graph", "The design has no nodes; add at least one agent.", { path: ["nodes"] });
  }

  const nodes: NodeInfo[] = [];
  const nodesById = new Map<string, NodeInfo>();
  const nodesByName = new Map<string, NodeInfo>();
  input.nodes.forEach((raw, index) => {
    const node = checkNode(issues, raw, index);
    if (node === undefined) return;
    const sameId = nodesById.get(node.id);
    if (sameId !== undefined) {
      issues.error(
        "duplicate_node_id",
        `${node.label} has the id ${quote(node.id)}, which ${sameId.label} already uses.`,
        {
          nodeId: node.id,
          path: ["nodes", index, "id"],
        },
      );
      return;
    }
    nodes.push(node);
    nodesById.set(node.id, node);
    if (node.name === undefined) return;
    const sameName = nodesByName.get(node.name);
    if (sameName !== undefined) {
      issues.error(
        "duplicate_name",
        `The name ${quote(node.name)} is used by more than one node (ids ${quote(sameName.id)} and ${quote(node.id)}).`,
        {
          nodeId: node.id,
          path: ["nodes", index, "data", "name"],
        },
      );
    } else nodesByName.set(node.name, node);
  });

  if (options.mcpServers !== undefined) {
    for (const node of nodes) checkMcpServers(issues, node, options.mcpServers);
  }

  const context: EdgeContext = {
    nodesById,
    edgeIds: new Set(),
    edgeKeys: new Set(),
    stepOrders: new Map(),
    childCounts: new Map(),
    children: new Map(),
  };
  input.edges.forEach((raw, index) => checkEdge(issues, context, raw, index));

  for (const node of nodes) checkChildCounts(issues, node, context.childCounts.get(node.id));
  checkCycles(issues, nodesById, context.children);
  if (input.nodes.length === 0) return;
  const entry = findEntry(issues, input, nodes, nodesByName);
  if (entry !== undefined) checkReachability(issues, entry, nodesById, context.children);
}

function validateOrThrow(input: unknown, options: ValidateGraphOptions): GraphValidationResult {
  const issues = new IssueList();
  if (!isRecord(input)) {
    issues.error(
      "invalid_graph",
      `A design graph must be an object with version, nodes and edges, not ${preview(input)}.`,
    );
    return { valid: false, issues: issues.issues };
  }
  if (checkEnvelope(issues, input)) validateReadable(issues, input, options);
  if (issues.hasErrors) return { valid: false, issues: issues.issues };

  const parsed = graphSchema.safeParse(input);
  if (!parsed.success) {
    // Reaching this means validateGraph and graphSchema disagree; refuse rather than hand out a bad graph.
    const first = parsed.error.issues[0];
    issues.error(
      "invalid_graph",
      `The graph does not match the format: ${first?.message ?? "unknown problem"}.`,
      {
        path: toIssuePath(first?.path ?? []),
      },
    );
    return { valid: false, issues: issues.issues };
  }
  return { valid: true, issues: issues.issues, graph: parsed.data };
}

/** Validates any input as a design graph; never throws. */
export function validateGraph(input: unknown, options: ValidateGraphOptions = {}): GraphValidationResult {
  try {
    return validateOrThrow(input, options);
  } catch {
    // Last line of defence for exotic inputs (throwing getters, proxies): callers rely on no throw.
    return {
      valid: false,
      issues: [{ severity: "error", code: "invalid_graph", message: "The graph could not be read." }],
    };
  }
}
