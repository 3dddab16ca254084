/**
 * Example designs offered in the editor and used as fixtures. All run offline (built-in models
 * only), so they work in a fresh workspace without any API key.
 */
import type { Graph, GraphEdge, GraphNode } from "./graph-schema";

export interface ExampleDesign {
  name: string;
  description: string;
  graph: Graph;
}

type DistributiveOmit<Value, Key extends PropertyKey> = Value extends unknown ? Omit<Value, Key> : never;
type NodeDraft = DistributiveOmit<GraphNode, "position">;

interface GraphDraft {
  entry?: string;
  defaultModel?: string;
  nodes: NodeDraft[];
  edges: GraphEdge[];
}

const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 120;

/**
 * Places nodes as a left-to-right tree: a node's column is its depth, leaves take successive rows
 * and a parent sits level with the middle of its children. Positions are computed rather than
 * written by hand so that editing an example cannot leave a node overlapping another.
 */
function layOut(draft: GraphDraft): Graph {
  const childIdsByParent = new Map<string, string[]>();
  const childIds = new Set<string>();
  for (const edge of draft.edges) {
    const siblings = childIdsByParent.get(edge.source) ?? [];
    siblings.push(edge.target);
    childIdsByParent.set(edge.source, siblings);
    childIds.add(edge.target);
  }
  const positions = new Map<string, { x: number; y: number }>();
  let nextRow = 0;
  const place = (nodeId: string, depth: number): number => {
    const placed = positions.get(nodeId);
    if (placed !== undefined) return placed.y;
    const rows = (childIdsByParent.get(nodeId) ?? []).map((childId) => place(childId, depth + 1));
    const first = rows[0];
    const last = rows[rows.length - 1];
    const y = first === undefined || last === undefined ? nextRow++ * ROW_HEIGHT : (first + last) / 2;
    positions.set(nodeId, { x: depth * COLUMN_WIDTH, y });
    return y;
  };
  for (const node of draft.nodes) {
    if (!childIds.has(node.id)) place(node.id, 0);
  }
  const nodes = draft.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } }));
  return {
    version: 1,
    ...(draft.entry === undefined ? {} : { entry: draft.entry }),
    ...(draft.defaultModel === undefined ? {} : { defaultModel: draft.defaultModel }),
    nodes,
    edges: draft.edges,
  };
}

function example(name: string, description: string, draft: GraphDraft): ExampleDesign {
  return { name, description, graph: layOut(draft) };
}

export const EXAMPLE_DESIGNS: ExampleDesign[] = [
  example(
    "Research desk",
    "A router in front of a cumulative research chain: the reference example of the graph format. " +
      "Research requests go through a finder and a summariser that both see all earlier answers; " +
      "anything else goes to smalltalk.",
    {
      entry: "front_desk",
      nodes: [
        { id: "r", type: "router", data: { name: "front_desk", model: "passthrough" } },
        { id: "c", type: "chain", data: { name: "research", cumulative: true } },
        {
          id: "a1",
          type: "agent",
          data: { name: "finder", instruction: "Find sources.", model: "passthrough" },
        },
        {
          id: "a2",
          type: "agent",
          data: { name: "summariser", instruction: "Summarise.", model: "passthrough" },
        },
        { id: "a3", type: "agent", data: { name: "smalltalk", instruction: "Chat.", model: "passthrough" } },
      ],
      edges: [
        { id: "e1", source: "r", target: "c", role: "route" },
        { id: "e2", source: "r", target: "a3", role: "route" },
        { id: "e3", source: "c", target: "a1", role: "step", order: 0 },
        { id: "e4", source: "c", target: "a2", role: "step", order: 1 },
      ],
    },
  ),
  example(
    "Echo agent",
    "The smallest design: one basic agent. With the offline passthrough model it echoes your message; " +
      "start a message with ***FIXED_RESPONSE to make it always answer the same text, or with " +
      '***CALL_TOOL __human_input {"prompt": "Your question?"} to have it ask you in the run page.',
    {
      entry: "echo",
      nodes: [
        {
          id: "echo",
          type: "agent",
          data: {
            name: "echo",
            instruction: "Repeat the user's message back to them.",
            model: "passthrough",
            description: "Echoes every message.",
            humanInput: true,
          },
        },
      ],
      edges: [],
    },
  ),
  example(
    "Writing pipeline",
    "A chain: each step receives only the previous step's answer, and the chain returns the last one. " +
      "Swap the models for real ones to outline, draft and edit a text.",
    {
      entry: "pipeline",
      defaultModel: "passthrough",
      nodes: [
        { id: "pipeline", type: "chain", data: { name: "pipeline", cumulative: false } },
        {
          id: "outliner",
          type: "agent",
          data: { name: "outliner", instruction: "Turn the request into a short bullet-point outline." },
        },
        {
          id: "drafter",
          type: "agent",
          data: {
            name: "drafter",
            instruction: "Write a first draft that follows the outline you are given.",
          },
        },
        {
          id: "editor",
          type: "agent",
          data: { name: "editor", instruction: "Tighten the draft: fix errors and cut needless words." },
        },
      ],
      edges: [
        { id: "e1", source: "pipeline", target: "outliner", role: "step", order: 0 },
        { id: "e2", source: "pipeline", target: "drafter", role: "step", order: 1 },
        { id: "e3", source: "pipeline", target: "editor", role: "step", order: 2 },
      ],
    },
  ),
  example(
    "Translation panel",
    "A parallel workflow: three translators get the same request at once, then a fan-in agent " +
      "receives all their answers (and the original request) in one message and combines them.",
    {
      entry: "translate",
      nodes: [
        { id: "translate", type: "parallel", data: { name: "translate", includeRequest: true } },
        {
          id: "french",
          type: "agent",
          data: { name: "french", instruction: "Translate the text into French.", model: "passthrough" },
        },
        {
          id: "german",
          type: "agent",
          data: { name: "german", instruction: "Translate the text into German.", model: "passthrough" },
        },
        {
          id: "spanish",
          type: "agent",
          data: { name: "spanish", instruction: "Translate the text into Spanish.", model: "passthrough" },
        },
        {
          id: "collector",
          type: "agent",
          data: {
            name: "collector",
            instruction: "Present the translations you receive as a table, one row per language.",
            model: "passthrough",
          },
        },
      ],
      edges: [
        { id: "e1", source: "translate", target: "french", role: "fan_out" },
        { id: "e2", source: "translate", target: "german", role: "fan_out" },
        { id: "e3", source: "translate", target: "spanish", role: "fan_out" },
        { id: "e4", source: "translate", target: "collector", role: "fan_in" },
      ],
    },
  ),
  example(
    "Live review panel",
    "Watch a run unfold: three reviewers on the offline slow model (2 to 15 seconds each) work in " +
      "parallel, so the run page's timeline shows their bars side by side; then an editor joins " +
      "their reviews. Share the run with a teammate while it is still going.",
    {
      entry: "review_panel",
      nodes: [
        { id: "panel", type: "parallel", data: { name: "review_panel", includeRequest: false } },
        {
          id: "style",
          type: "agent",
          data: { name: "style_reviewer", instruction: "Review the style.", model: "slow?delayMs=2000" },
        },
        {
          id: "facts",
          type: "agent",
          data: { name: "fact_checker", instruction: "Check the facts.", model: "slow?delayMs=6000" },
        },
        {
          id: "tone",
          type: "agent",
          data: { name: "tone_reviewer", instruction: "Review the tone.", model: "slow?delayMs=15000" },
        },
        {
          id: "editor",
          type: "agent",
          data: {
            name: "chief_editor",
            instruction: "Merge the reviews into one.",
            model: "slow?delayMs=2000",
          },
        },
      ],
      edges: [
        { id: "e1", source: "panel", target: "style", role: "fan_out" },
        { id: "e2", source: "panel", target: "facts", role: "fan_out" },
        { id: "e3", source: "panel", target: "tone", role: "fan_out" },
        { id: "e4", source: "panel", target: "editor", role: "fan_in" },
      ],
    },
  ),
  example(
    "Help desk",
    "A router with three routes: it reads each route's description and hands the request to the best " +
      "fit. Give the router a real model to route by meaning.",
    {
      entry: "triage",
      nodes: [
        {
          id: "triage",
          type: "router",
          data: {
            name: "triage",
            model: "passthrough",
            instruction: "Send each customer request to the team that can answer it.",
          },
        },
        {
          id: "billing",
          type: "agent",
          data: {
            name: "billing",
            description: "Invoices, payments, refunds and plan changes.",
            instruction: "Answer billing questions politely and precisely.",
            model: "passthrough",
          },
        },
        {
          id: "tech_support",
          type: "agent",
          data: {
            name: "tech_support",
            description: "Bugs, error messages, installation and how-to questions.",
            instruction: "Help the user fix the technical problem step by step.",
            model: "passthrough",
          },
        },
        {
          id: "sales",
          type: "agent",
          data: {
            name: "sales",
            description: "Pricing, demos and questions from prospective customers.",
            instruction: "Explain what the product does and which plan fits.",
            model: "passthrough",
          },
        },
      ],
      edges: [
        { id: "e1", source: "triage", target: "billing", role: "route" },
        { id: "e2", source: "triage", target: "tech_support", role: "route" },
        { id: "e3", source: "triage", target: "sales", role: "route" },
      ],
    },
  ),
  example(
    "Draft and critique",
    "An evaluator-optimizer: a generator writes an answer, an evaluator rates it from POOR to EXCELLENT " +
      "with feedback, and the generator refines it until it is rated GOOD or after two refinements.",
    {
      entry: "polish",
      nodes: [
        {
          id: "polish",
          type: "evaluator_optimizer",
          data: { name: "polish", minRating: "GOOD", maxRefinements: 2 },
        },
        {
          id: "writer",
          type: "agent",
          data: {
            name: "writer",
            instruction: "Write a clear, friendly answer to the request.",
            model: "passthrough",
          },
        },
        {
          id: "critic",
          type: "agent",
          data: {
            name: "critic",
            instruction: "Rate the answer for accuracy, clarity and tone, and say exactly what to improve.",
            model: "passthrough",
          },
        },
      ],
      edges: [
        { id: "e1", source: "polish", target: "writer", role: "generator" },
        { id: "e2", source: "polish", target: "critic", role: "evaluator" },
      ],
    },
  ),
  example(
    "Project planner",
    "An orchestrator: a planner model splits the objective into tasks for its workers, step by step, " +
      "then writes the final answer from their results. Needs a real model to plan.",
    {
      entry: "planner",
      nodes: [
        {
          id: "planner",
          type: "orchestrator",
          data: {
            name: "planner",
            model: "passthrough",
            instruction: "Break the objective into research and writing tasks, then combine the results.",
            planIterations: 3,
          },
        },
        {
          id: "researcher",
          type: "agent",
          data: {
            name: "researcher",
            description: "Gathers facts and sources.",
            instruction: "Collect the facts the task asks for, with sources.",
            model: "passthrough",
          },
        },
        {
          id: "author",
          type: "agent",
          data: {
            name: "author",
            description: "Writes prose from notes.",
            instruction: "Write the section the task asks for from the notes you are given.",
            model: "passthrough",
          },
        },
      ],
      edges: [
        { id: "e1", source: "planner", target: "researcher", role: "worker" },
        { id: "e2", source: "planner", target: "author", role: "worker" },
      ],
    },
  ),
  example(
    "Majority vote",
    "MAKER k-voting: the worker is sampled repeatedly with a fresh history, and the answer returned is " +
      "the first to lead by 3 votes (comparing lowercased, whitespace-collapsed text).",
    {
      entry: "vote",
      nodes: [
        {
          id: "vote",
          type: "maker",
          data: { name: "vote", k: 3, maxSamples: 15, matchStrategy: "normalized", redFlagMaxLength: 2000 },
        },
        {
          id: "solver",
          type: "agent",
          data: {
            name: "solver",
            instruction: "Answer with the final result only, no explanation.",
            model: "passthrough",
          },
        },
      ],
      edges: [{ id: "e1", source: "vote", target: "solver", role: "worker" }],
    },
  ),
  example(
    "Agents as tools",
    "An agent that can call two other agents as tools (agent__fact_checker and agent__summariser). " +
      'With passthrough, try: ***CALL_TOOL agent__summariser {"message": "Some long text"}',
    {
      entry: "coordinator",
      nodes: [
        {
          id: "coordinator",
          type: "agent",
          data: {
            name: "coordinator",
            instruction: "Answer the user. Use your tools to check facts and to summarise long texts.",
            model: "passthrough",
            requestParams: { maxIterations: 5 },
          },
        },
        {
          id: "fact_checker",
          type: "agent",
          data: {
            name: "fact_checker",
            description: "Checks whether a statement is true.",
            instruction: "Say whether the statement you are given is true, false or unknown, and why.",
            model: "passthrough",
          },
        },
        {
          id: "summariser",
          type: "agent",
          data: {
            name: "summariser",
            description: "Summarises a text in three sentences.",
            instruction: "Summarise the text you are given in at most three sentences.",
            model: "passthrough",
          },
        },
      ],
      edges: [
        { id: "e1", source: "coordinator", target: "fact_checker", role: "tool" },
        { id: "e2", source: "coordinator", target: "summariser", role: "tool" },
      ],
    },
  ),
];
