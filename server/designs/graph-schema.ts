/**
 * Executable form of design graph format v1 (docs: shared/design/graph-format.md).
 *
 * The schemas check shape only; cross-node rules (names, roles, cycles, model strings, MCP servers)
 * live in validate-graph.ts, which reports them as attributed issues instead of one parse error.
 * Schemas are strict because a stored graph is a contract: an unknown field is a typo or a newer
 * format, and silently dropping it would lose data on the next save.
 */
import { z } from "zod";

export const GRAPH_FORMAT_VERSION = 1;

export const NODE_TYPES = [
  "agent",
  "chain",
  "parallel",
  "router",
  "evaluator_optimizer",
  "orchestrator",
  "maker",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const EDGE_ROLES = [
  "tool",
  "step",
  "fan_out",
  "fan_in",
  "route",
  "generator",
  "evaluator",
  "worker",
] as const;
export type EdgeRole = (typeof EDGE_ROLES)[number];

/** How many children a node may have through one role; no `max` means unbounded. */
export interface RoleRule {
  readonly min: number;
  readonly max?: number;
}

/** The roles each node type allows on edges it is the source of, with child counts. */
export const ROLES_BY_TYPE: Readonly<Record<NodeType, Readonly<Partial<Record<EdgeRole, RoleRule>>>>> = {
  agent: { tool: { min: 0 } },
  chain: { step: { min: 1 } },
  parallel: { fan_out: { min: 1 }, fan_in: { min: 0, max: 1 } },
  router: { route: { min: 1 } },
  evaluator_optimizer: { generator: { min: 1, max: 1 }, evaluator: { min: 1, max: 1 } },
  orchestrator: { worker: { min: 1 } },
  maker: { worker: { min: 1, max: 1 } },
};

export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_NODES = 500;
export const MAX_EDGES = 2_000;
export const MAX_GRAPH_BYTES = 256 * 1024;
export const MAX_STRING_LENGTH = 100_000;
export const MAX_ID_LENGTH = 128;

export const MIN_RATINGS = ["EXCELLENT", "GOOD", "FAIR", "POOR"] as const;
export type Rating = (typeof MIN_RATINGS)[number];

export const MATCH_STRATEGIES = ["exact", "normalized", "structured"] as const;
export type MatchStrategy = (typeof MATCH_STRATEGIES)[number];

const textSchema = z.string().max(MAX_STRING_LENGTH);
const nonEmptyTextSchema = textSchema.min(1);
export const nameSchema = z
  .string()
  .regex(NAME_PATTERN, "Names use 1 to 64 letters, digits, underscores or hyphens.");
export const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

export const requestParamsSchema = z.strictObject({
  maxTokens: z.int().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxIterations: z.int().min(0).optional(),
  parallelToolCalls: z.boolean().optional(),
});
export type RequestParams = z.infer<typeof requestParamsSchema>;

const commonDataShape = {
  name: nameSchema,
  description: textSchema.optional(),
};

export const agentDataSchema = z.strictObject({
  ...commonDataShape,
  instruction: textSchema.optional(),
  model: textSchema.optional(),
  servers: z.array(nonEmptyTextSchema).optional(),
  tools: z.record(nonEmptyTextSchema, z.array(nonEmptyTextSchema)).optional(),
  useHistory: z.boolean().optional(),
  humanInput: z.boolean().optional(),
  requestParams: requestParamsSchema.optional(),
});

export const chainDataSchema = z.strictObject({
  ...commonDataShape,
  cumulative: z.boolean().optional(),
  instruction: textSchema.optional(),
});

export const parallelDataSchema = z.strictObject({
  ...commonDataShape,
  includeRequest: z.boolean().optional(),
  instruction: textSchema.optional(),
});

export const routerDataSchema = z.strictObject({
  ...commonDataShape,
  model: textSchema.optional(),
  instruction: textSchema.optional(),
  useHistory: z.boolean().optional(),
  requestParams: requestParamsSchema.optional(),
});

export const evaluatorOptimizerDataSchema = z.strictObject({
  ...commonDataShape,
  minRating: z.enum(MIN_RATINGS).optional(),
  maxRefinements: z.int().min(0).optional(),
  refinementInstruction: textSchema.optional(),
});

export const orchestratorDataSchema = z.strictObject({
  ...commonDataShape,
  model: textSchema.optional(),
  instruction: textSchema.optional(),
  // Zero or less means unlimited (graph-format.md), so negative values are legal.
  planIterations: z.int().optional(),
});

export const makerDataSchema = z.strictObject({
  ...commonDataShape,
  k: z.int().min(1).optional(),
  maxSamples: z.int().min(1).optional(),
  matchStrategy: z.enum(MATCH_STRATEGIES).optional(),
  redFlagMaxLength: z.int().min(1).optional(),
});

export type AgentData = z.infer<typeof agentDataSchema>;
export type ChainData = z.infer<typeof chainDataSchema>;
export type ParallelData = z.infer<typeof parallelDataSchema>;
export type RouterData = z.infer<typeof routerDataSchema>;
export type EvaluatorOptimizerData = z.infer<typeof evaluatorOptimizerDataSchema>;
export type OrchestratorData = z.infer<typeof orchestratorDataSchema>;
export type MakerData = z.infer<typeof makerDataSchema>;

export const DATA_SCHEMAS_BY_TYPE = {
  agent: agentDataSchema,
  chain: chainDataSchema,
  parallel: parallelDataSchema,
  router: routerDataSchema,
  evaluator_optimizer: evaluatorOptimizerDataSchema,
  orchestrator: orchestratorDataSchema,
  maker: makerDataSchema,
} as const satisfies Record<NodeType, z.ZodType>;

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

function nodeSchemaFor<Type extends NodeType, Data extends z.ZodType>(type: Type, data: Data) {
  return z.strictObject({ id: idSchema, type: z.literal(type), position: positionSchema, data });
}

export const agentNodeSchema = nodeSchemaFor("agent", agentDataSchema);
export const chainNodeSchema = nodeSchemaFor("chain", chainDataSchema);
export const parallelNodeSchema = nodeSchemaFor("parallel", parallelDataSchema);
export const routerNodeSchema = nodeSchemaFor("router", routerDataSchema);
export const evaluatorOptimizerNodeSchema = nodeSchemaFor(
  "evaluator_optimizer",
  evaluatorOptimizerDataSchema,
);
export const orchestratorNodeSchema = nodeSchemaFor("orchestrator", orchestratorDataSchema);
export const makerNodeSchema = nodeSchemaFor("maker", makerDataSchema);

export const NODE_SCHEMAS_BY_TYPE = {
  agent: agentNodeSchema,
  chain: chainNodeSchema,
  parallel: parallelNodeSchema,
  router: routerNodeSchema,
  evaluator_optimizer: evaluatorOptimizerNodeSchema,
  orchestrator: orchestratorNodeSchema,
  maker: makerNodeSchema,
} as const satisfies Record<NodeType, z.ZodType>;

export const nodeSchema = z.discriminatedUnion("type", [
  agentNodeSchema,
  chainNodeSchema,
  parallelNodeSchema,
  routerNodeSchema,
  evaluatorOptimizerNodeSchema,
  orchestratorNodeSchema,
  makerNodeSchema,
]);

export const edgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  role: z.enum(EDGE_ROLES),
  order: z.int().optional(),
});

/**
 * Shape-complete schema of a graph. Parsing with it alone does not make a graph valid: use
 * validateGraph, which also checks names, roles, child counts, cycles, models and limits.
 */
export const graphSchema = z.strictObject({
  version: z.literal(GRAPH_FORMAT_VERSION),
  entry: nameSchema.optional(),
  defaultModel: textSchema.optional(),
  nodes: z.array(nodeSchema).max(MAX_NODES),
  edges: z.array(edgeSchema).max(MAX_EDGES),
});

export type Graph = z.infer<typeof graphSchema>;
export type GraphNode = z.infer<typeof nodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type NodePosition = z.infer<typeof positionSchema>;
export type NodeData = GraphNode["data"];
export type NodeOfType<Type extends NodeType> = Extract<GraphNode, { type: Type }>;
