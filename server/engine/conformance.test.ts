/**
 * Conformance suite: one case per rule of semantics.md, driven by scripted models. Each case gives
 * a design, the scripted replies, the input, the expected answer, what each agent received and
 * the expected events. Prompt texts are written out in full where they pin fast-agent's wording.
 */
import { describe, expect, it } from "vitest";
import type { Graph } from "@/server/designs/graph-schema";
import { RunLimitError, type RunLimits, type ToolSource } from "@/server/engine/context";
import {
  agent,
  chain,
  createTestContext,
  design,
  edges,
  evaluatorOptimizer,
  maker,
  orchestrator,
  parallel,
  router,
  streamedText,
  summarizeEvents,
} from "@/server/engine/engine-test-kit";
import { createAgentMemory } from "@/server/engine/agent-memory";
import { messageText, type RunInput, toMessages } from "@/server/engine/messages";
import { runAgentByName } from "@/server/engine/run-graph";
import { createRunState, type RunState } from "@/server/engine/run-state";
import { type EngineEvent, engineEventSchema } from "@/server/events/schema";
import { createTestModelFactory, type ScriptedReply, type TestModelFactory } from "@/server/models/offline";
import { ROUTING_SYSTEM_INSTRUCTION } from "@/server/engine/router-prompts";

type CaseRun = {
  events: EngineEvent[];
  models: TestModelFactory;
  outputs: string[];
  state: RunState;
};

type ConformanceCase = {
  rule: string;
  graph: Graph;
  /** The agent the run starts at (default: the first node). */
  agent?: string;
  scripts?: Record<string, ScriptedReply[]>;
  input: RunInput;
  /** The answer, or `{ error }` when the run must fail with that message. */
  output: string | { error: string };
  /** Later turns run with the same run state (memory and models), like chat turns. */
  followUps?: { input: RunInput; output: string }[];
  /** Per agent, the transcript of each of its model calls. */
  received?: Record<string, string[][]>;
  /** See summarizeEvents. */
  events: string[];
  /** Concurrent children: compare the events as a multiset (first and last must still match). */
  concurrent?: boolean;
  tools?: ToolSource;
  limits?: Partial<RunLimits>;
  humanAnswers?: string[];
  check?: (run: CaseRun) => void;
};

const eventsOfType = <Type extends EngineEvent["type"]>(events: EngineEvent[], type: Type) =>
  events.filter((event): event is Extract<EngineEvent, { type: Type }> => event.type === type);

const stepStart = (events: EngineEvent[], agentName: string, occurrence = 0) =>
  eventsOfType(events, "step-start").filter((event) => event.agent === agentName)[occurrence];

// ----------------------------------------------------------------------------------------------
// Prompt texts, written out in full: they are fast-agent's.

const EVALUATION_PROMPT_DRAFT_1 = [
  "",
  "You are an expert evaluator for content quality.",
  "Your task is to evaluate a response against the user's original request.",
  "Evaluate the response for iteration 1 and provide feedback on its quality and areas for improvement.",
  "",
  "```",
  "<fastagent:data>",
  "    <fastagent:request>",
  "write a haiku",
  "    </fastagent:request>",
  "",
  "    <fastagent:response>",
  "draft 1",
  "    </fastagent:response>",
  "</fastagent:data>",
  "",
  "```",
  "",
  "",
].join("\n");

const REFINEMENT_PROMPT_AFTER_POOR = [
  "",
  "You are tasked with improving your previous response.",
  "You are an expert evaluator for content quality.",
  "This is iteration 1 of the refinement process.",
  "",
  "Your goal is to address all feedback points while maintaining accuracy and relevance to the original request.",
  "",
  "```",
  "",
  "<fastagent:feedback>",
  "    <request>",
  "write a haiku",
  "    </request>",
  "    <previous-response>",
  "draft 1",
  "    </previous-response>",
  "    <rating>POOR</rating>",
  "    <details>too short</details>",
  "    <focus-areas>",
  "      * syllables",
  "      * imagery",
  "    </focus-areas>",
  "</fastagent:feedback>",
  "",
  "<fastagent:instruction>",
  "Create an improved version of the response that:",
  "1. Directly addresses each point in the feedback",
  "2. Focuses on the specific areas mentioned for improvement",
  "3. Maintains all the strengths of the original response",
  "4. Remains accurate and relevant to the original request",
  "",
  "Provide your complete improved response without explanations or commentary.",
  "</fastagent:instruction>",
  "",
  "```",
  "",
  "",
].join("\n");

const ROUTING_SYSTEM_PROMPT_AB = `${ROUTING_SYSTEM_INSTRUCTION}\n\n${[
  "",
  "Select from the following agents to handle the request:",
  "<fastagent:agents>",
  "[",
  '{"name":"billing","description":"Handles invoices and refunds"},',
  '{"name":"support","description":"Fixes technical problems"}',
  "]",
  "</fastagent:agents>",
  "",
  "You must respond with the 'name' of one of the agents listed above.",
  "",
  "",
].join("\n")}`;

const NOT_STARTED_PROGRESS =
  "<fastagent:progress><fastagent:objective>plan a trip</fastagent:objective>\n" +
  "<fastagent:steps>No steps executed yet</fastagent:steps>\n" +
  "<fastagent:status>Not Started</fastagent:status>\n</fastagent:progress>";

const FIRST_PLANNING_PROMPT = [
  "",
  "",
  "```",
  "<fastagent:data>",
  "    <fastagent:progress>",
  NOT_STARTED_PROGRESS,
  "    </fastagent:progress>",
  "",
  "    <fastagent:status>",
  "Plan Status: Not Started",
  "Planning Budget: 5 of 5 iterations remaining",
  "    </fastagent:status>",
  "</fastagent:data>",
  "```",
  "",
  "The overall objective is:",
  "",
  "```",
  "<fastagent:objective>",
  "    plan a trip",
  "</fastagent:objective>",
  "```",
  "",
  "Produce the next step in the plan to complete the Objective. ",
  "",
  "Consider the previous steps and results, and decide what needs to be done next.",
  "",
  'Set "is_complete" to true when ANY of these conditions are met:',
  "1. The objective has been achieved in full or substantively",
  "2. The remaining work is minor or trivial compared to what's been accomplished",
  "3. The plan has gathered sufficient information to answer the original request",
  "4. The plan has no feasible way of completing the objective.",
  "",
  "Only set is_complete to `true` if there are no outstanding tasks. ",
  "",
  "Be decisive - avoid excessive planning steps that add little value. It's better to complete a plan early than to continue with marginal improvements. ",
  "",
  "Focus on the meeting the core intent of the objective.",
  "",
  "",
].join("\n");

const COMPLETE_SYNTHESIS_PROMPT = [
  "",
  "The below shows the results of running a plan to meet the specified objective.",
  "",
  "```",
  "<fastagent:plan-results>",
  "<fastagent:progress><fastagent:objective>plan a trip</fastagent:objective>\n" +
    "<fastagent:steps>No steps executed yet</fastagent:steps>\n" +
    "<fastagent:status>Complete</fastagent:status>\n</fastagent:progress>",
  "</fastagent:plan-results>",
  "```",
  "",
  "The plan was stopped because Plan completed successfully.",
  "",
  "Provide a summary of the tasks completed and their outcomes to complete the Objective.",
  "Use markdown formatting.",
  "",
  "If the plan was marked as incomplete but the maximum number of iterations was reached,",
  "make sure to state clearly what was accomplished and what remains to be done.",
  "",
  "",
  "Complete the plan by providing an appropriate answer for the original objective. Provide a Mermaid diagram",
  "(in code fences) showing the plan steps and their relationships, if applicable. Do not use parentheses in labels.",
  "",
].join("\n");

const DELEGATED_FIND_FLIGHTS = [
  "",
  "You are a component in an orchestrated workflow to achieve an objective.",
  "",
  "The overall objective is:",
  "",
  "```",
  "<fastagent:objective>",
  "    plan a trip",
  "</fastagent:objective>",
  "```",
  "",
  "Previous context in achieving the objective is below:",
  "",
  "```",
  "<fastagent:context>",
  `    ${NOT_STARTED_PROGRESS}`,
  "</fastagent:context>",
  "```",
  "",
  'Your job is to accomplish the "task" specified in `<fastagent:task>`. The overall objective and',
  "previous context is supplied to inform your approach.",
  "",
  "```",
  "<fastagent:task>",
  "   find flights",
  "</fastagent:task>",
  "```",
  "",
  "Provide a direct, concise response on completion that makes it simple to assess the status of",
  "the overall plan.",
  "",
].join("\n");

const FLIGHTS_STEP_RESULT =
  "<fastagent:step-result><fastagent:description>research</fastagent:description>\n" +
  "<fastagent:summary>Step: research\nStep Subtasks:\n  - Task: find flights\nResult: flights found</fastagent:summary>\n" +
  "<fastagent:task-results>\n" +
  '<fastagent:task-result description="find flights">\n' +
  "<fastagent:description>find flights</fastagent:description>\n" +
  "<fastagent:result>flights found</fastagent:result>\n" +
  "</fastagent:task-result>\n" +
  "</fastagent:task-results>\n</fastagent:step-result>";

// ----------------------------------------------------------------------------------------------
// Shared designs.

const evaluation = (
  rating: "POOR" | "FAIR" | "GOOD" | "EXCELLENT",
  feedback: string,
  needsImprovement: boolean,
  focusAreas: string[] = [],
): ScriptedReply => ({
  json: { rating, feedback, needs_improvement: needsImprovement, focus_areas: focusAreas },
});

const writerLoop = (data: Parameters<typeof evaluatorOptimizer>[1] = {}) =>
  design(
    [evaluatorOptimizer("polish", data), agent("writer"), agent("critic")],
    [edges("polish", "generator", "writer"), edges("polish", "evaluator", "critic")],
  );

const plannerDesign = (planIterations?: number) =>
  design(
    [
      orchestrator("planner", planIterations === undefined ? {} : { planIterations }),
      agent("travel", { description: "Books travel" }),
    ],
    [edges("planner", "worker", "travel")],
  );

const voting = (data: Parameters<typeof maker>[1]) =>
  design(
    [maker("vote", data), agent("solver", { instruction: "Answer with a number." })],
    [edges("vote", "worker", "solver")],
  );

const calculatorTools: ToolSource = {
  listTools: () =>
    Promise.resolve([
      { name: "calc__add", description: "Adds", inputSchema: { type: "object" } },
      { name: "calc__divide", description: "Divides", inputSchema: { type: "object" } },
    ]),
  callTool: (name, args) => {
    if (name === "calc__divide") return Promise.reject(new Error("division by zero"));
    const { a, b } = args as { a: number; b: number };
    return Promise.resolve({ content: [{ type: "text", text: String(a + b) }], isError: false });
  },
};

const LONG_TEXT = "x".repeat(400);

// ----------------------------------------------------------------------------------------------

const cases: ConformanceCase[] = [
  // Chain
  {
    rule: "chain: each later step gets the previous response as one user message; the last response is the answer",
    graph: design(
      [
        chain("pipeline"),
        agent("drafter", { instruction: "Draft." }),
        agent("editor", { instruction: "Edit." }),
      ],
      [edges("pipeline", "step", "drafter", "editor")],
    ),
    scripts: { drafter: ["rough draft"], editor: ["polished text"] },
    input: "write about tea",
    output: "polished text",
    received: { drafter: [["user: write about tea"]], editor: [["user: rough draft"]] },
    events: [
      "start pipeline",
      "start drafter",
      "delta drafter",
      "end drafter",
      "start editor",
      "delta editor",
      "end editor",
      "end pipeline",
    ],
    check: ({ events, models }) => {
      expect(models.calls.map((call) => call.system)).toEqual(["Draft.", "Edit."]);
      const pipelineEnd = eventsOfType(events, "step-end").at(-1);
      expect(pipelineEnd?.usage.modelCalls).toBe(2);
      expect(stepStart(events, "editor")?.label).toBe("step 2");
    },
  },
  {
    rule: "chain (first step): gets all the run's messages",
    graph: design([chain("pipeline"), agent("only")], [edges("pipeline", "step", "only")]),
    scripts: { only: ["done"] },
    input: [
      { role: "user", content: [{ type: "text", text: "first" }] },
      { role: "assistant", content: [{ type: "text", text: "noted" }] },
      { role: "user", content: [{ type: "text", text: "second" }] },
    ],
    output: "done",
    received: { only: [["user: first", "assistant: noted", "user: second"]] },
    events: ["start pipeline", "start only", "delta only", "end only", "end pipeline"],
  },
  {
    rule: "chain cumulative: each step sees the request and every earlier response; tagged answer with single quotes",
    graph: design(
      [chain("research", { cumulative: true }), agent("finder"), agent("summariser")],
      [edges("research", "step", "finder", "summariser")],
    ),
    scripts: { finder: ["three sources"], summariser: ["a summary"] },
    input: "find out about bees",
    output:
      "<fastagent:request>find out about bees</fastagent:request>\n\n" +
      "<fastagent:response agent='finder'>three sources</fastagent:response>\n\n" +
      "<fastagent:response agent='summariser'>a summary</fastagent:response>",
    received: {
      finder: [["user: find out about bees"]],
      summariser: [["user: find out about bees", "user: three sources"]],
    },
    events: [
      "start research",
      "start finder",
      "delta finder",
      "end finder",
      "start summariser",
      "delta summariser",
      "end summariser",
      "end research",
    ],
  },

  // Parallel
  {
    rule: "parallel: fan-out children run concurrently; the fan-in gets the request and responses (double quotes)",
    graph: design(
      [parallel("panel"), agent("optimist"), agent("pessimist"), agent("judge")],
      [edges("panel", "fan_out", "optimist", "pessimist"), edges("panel", "fan_in", "judge")],
    ),
    scripts: { optimist: ["it will work"], pessimist: ["it will fail"], judge: ["balanced view"] },
    input: "will it work?",
    output: "balanced view",
    received: {
      optimist: [["user: will it work?"]],
      pessimist: [["user: will it work?"]],
      judge: [
        [
          "user: The following request was sent to the agents:\n\n" +
            "<fastagent:request>\nwill it work?\n</fastagent:request>\n\n" +
            '<fastagent:response agent="optimist">\nit will work\n</fastagent:response>\n\n' +
            '<fastagent:response agent="pessimist">\nit will fail\n</fastagent:response>',
        ],
      ],
    },
    concurrent: true,
    events: [
      "start panel",
      "start optimist",
      "start pessimist",
      "delta optimist",
      "end optimist",
      "delta pessimist",
      "end pessimist",
      "start judge",
      "delta judge",
      "end judge",
      "end panel",
    ],
    check: ({ events }) => {
      // Both fan-out children start before either ends: they run concurrently.
      const summary = summarizeEvents(events);
      expect(summary.indexOf("start pessimist")).toBeLessThan(summary.indexOf("end optimist"));
      expect(summary.indexOf("start judge")).toBeGreaterThan(summary.indexOf("end pessimist"));
    },
  },
  {
    rule: "parallel: includeRequest false leaves the request out of the fan-in message",
    graph: design(
      [parallel("panel", { includeRequest: false }), agent("optimist"), agent("pessimist"), agent("judge")],
      [edges("panel", "fan_out", "optimist", "pessimist"), edges("panel", "fan_in", "judge")],
    ),
    scripts: { optimist: ["yes"], pessimist: ["no"], judge: ["maybe"] },
    input: "will it work?",
    output: "maybe",
    received: {
      judge: [
        [
          'user: <fastagent:response agent="optimist">\nyes\n</fastagent:response>\n\n' +
            '<fastagent:response agent="pessimist">\nno\n</fastagent:response>',
        ],
      ],
    },
    concurrent: true,
    events: [
      "start panel",
      "start optimist",
      "start pessimist",
      "delta optimist",
      "end optimist",
      "delta pessimist",
      "end pessimist",
      "start judge",
      "delta judge",
      "end judge",
      "end panel",
    ],
  },
  {
    rule: "parallel without a fan-in child: the fan-in text itself is the answer",
    graph: design(
      [parallel("panel"), agent("optimist"), agent("pessimist")],
      [edges("panel", "fan_out", "optimist", "pessimist")],
    ),
    scripts: { optimist: ["yes"], pessimist: ["no"] },
    input: "will it work?",
    output:
      "The following request was sent to the agents:\n\n" +
      "<fastagent:request>\nwill it work?\n</fastagent:request>\n\n" +
      '<fastagent:response agent="optimist">\nyes\n</fastagent:response>\n\n' +
      '<fastagent:response agent="pessimist">\nno\n</fastagent:response>',
    concurrent: true,
    events: [
      "start panel",
      "start optimist",
      "start pessimist",
      "delta optimist",
      "end optimist",
      "delta pessimist",
      "end pessimist",
      "end panel",
    ],
  },

  // Router
  {
    rule: "router with one child: no model call, confidence high, the child gets the messages",
    graph: design([router("front"), agent("helper")], [edges("front", "route", "helper")]),
    scripts: { front: [], helper: ["happy to help"] },
    input: "hi",
    output: "happy to help",
    received: { front: [], helper: [["user: hi"]] },
    events: ["start front", "route helper", "start helper", "delta helper", "end helper", "end front"],
    check: ({ events }) => {
      expect(eventsOfType(events, "route-decision")[0]).toMatchObject({
        agent: "helper",
        confidence: "high",
      });
    },
  },
  {
    rule: "router: one structured call on the last message only, listing each child; the chosen child gets everything",
    graph: design(
      [
        router("front"),
        agent("billing", { description: "Handles invoices and refunds", instruction: "You do billing." }),
        agent("support", { instruction: "Fixes technical problems" }),
      ],
      [edges("front", "route", "billing", "support")],
    ),
    scripts: {
      front: [{ json: { agent: "support", confidence: "medium", reasoning: "a technical issue" } }],
      support: ["restart the router"],
    },
    input: [
      { role: "user", content: [{ type: "text", text: "hello" }] },
      { role: "assistant", content: [{ type: "text", text: "hi, how can I help?" }] },
      { role: "user", content: [{ type: "text", text: "my wifi is down" }] },
    ],
    output: "restart the router",
    received: {
      front: [["user: my wifi is down"]],
      support: [["user: hello", "assistant: hi, how can I help?", "user: my wifi is down"]],
    },
    events: ["start front", "route support", "start support", "delta support", "end support", "end front"],
    check: ({ events, models }) => {
      const [routing] = models.calls;
      expect(routing?.system).toBe(ROUTING_SYSTEM_PROMPT_AB);
      expect(routing?.structured).toBe(true);
      expect(eventsOfType(events, "route-decision")[0]).toMatchObject({
        agent: "support",
        confidence: "medium",
        reasoning: "a technical issue",
      });
    },
  },
  {
    rule: "router: an unparsable reply answers 'No routing response received from LLM' and ends normally",
    graph: design([router("front"), agent("a"), agent("b")], [edges("front", "route", "a", "b")]),
    scripts: { front: ["I would pick b"] },
    input: "route me",
    output: "No routing response received from LLM",
    received: { front: [["user: route me"]], a: [], b: [] },
    events: ["start front", "route none", "end front"],
  },
  {
    rule: "router: an unknown agent name is answered, not a crash",
    graph: design([router("front"), agent("a"), agent("b")], [edges("front", "route", "a", "b")]),
    scripts: { front: [{ json: { agent: "zeta", confidence: "low", reasoning: "guess" } }] },
    input: "route me",
    output: "A response was received, but the agent zeta was not known to the Router",
    events: ["start front", "route zeta", "end front"],
  },

  // Evaluator-optimizer
  {
    rule: "evaluator-optimizer: needs_improvement false returns the current answer at once (even below minRating)",
    graph: writerLoop(),
    scripts: { writer: ["draft 1"], critic: [evaluation("FAIR", "fine as is", false)] },
    input: "write a haiku",
    output: "draft 1",
    received: { writer: [["user: write a haiku"]], critic: [[`user: ${EVALUATION_PROMPT_DRAFT_1}`]] },
    events: [
      "start polish",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation FAIR",
      "end polish",
    ],
    check: ({ events, models }) => {
      expect(models.calls.find((call) => call.agent === "critic")?.structured).toBe(true);
      expect(eventsOfType(events, "evaluation")[0]).toMatchObject({
        iteration: 0,
        feedback: "fine as is",
        needsImprovement: false,
      });
    },
  },
  {
    rule: "evaluator-optimizer: refine once with request, previous answer, rating, feedback and focus areas; stop at minRating",
    graph: writerLoop(),
    scripts: {
      writer: ["draft 1", "draft 2"],
      critic: [
        evaluation("POOR", "too short", true, ["syllables", "imagery"]),
        evaluation("GOOD", "nice", true),
      ],
    },
    input: "write a haiku",
    output: "draft 2",
    received: {
      // The generator keeps its history (useHistory): the refinement continues its conversation.
      writer: [
        ["user: write a haiku"],
        ["user: write a haiku", "assistant: draft 1", `user: ${REFINEMENT_PROMPT_AFTER_POOR}`],
      ],
    },
    events: [
      "start polish",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation POOR",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation GOOD",
      "end polish",
    ],
  },
  {
    rule: "evaluator-optimizer: after maxRefinements the best answer is returned (replaced only on a strictly higher rating)",
    graph: writerLoop({ minRating: "EXCELLENT", maxRefinements: 2 }),
    scripts: {
      writer: ["d1", "d2", "d3"],
      critic: [
        evaluation("FAIR", "ok", true),
        evaluation("GOOD", "better", true),
        evaluation("GOOD", "same", true),
      ],
    },
    input: "write",
    output: "d2",
    events: [
      "start polish",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation FAIR",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation GOOD",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation GOOD",
      "end polish",
    ],
  },
  {
    rule: "evaluator-optimizer: an unparsable evaluation counts as POOR and needing improvement",
    graph: writerLoop({ maxRefinements: 1 }),
    scripts: { writer: ["d1", "d2"], critic: ["looks fine to me", "still no JSON"] },
    input: "write",
    // Both evaluations are POOR: never strictly higher than the initial POOR, so the first answer stays best.
    output: "d1",
    events: [
      "start polish",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation POOR",
      "start writer",
      "delta writer",
      "end writer",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation POOR",
      "end polish",
    ],
    check: ({ events, models }) => {
      expect(eventsOfType(events, "evaluation")[0]).toMatchObject({
        feedback: "Failed to parse evaluation",
        needsImprovement: true,
        focusAreas: ["Improve overall quality"],
      });
      const refinement = models.transcriptsOf("writer")[1]?.at(-1) ?? "";
      expect(refinement).toContain(
        "    <rating>POOR</rating>\n    <details>Failed to parse evaluation</details>",
      );
      expect(refinement).toContain("    <focus-areas>\n      * Improve overall quality\n    </focus-areas>");
    },
  },

  // Orchestrator
  {
    rule: "orchestrator: a plan complete at once goes straight to the final synthesis",
    graph: plannerDesign(),
    scripts: {
      planner: [
        { json: { description: "nothing to do", tasks: [], is_complete: true } },
        "here is your trip",
      ],
      travel: [],
    },
    input: "plan a trip",
    output: "here is your trip",
    received: {
      planner: [[`user: ${FIRST_PLANNING_PROMPT}`], [`user: ${COMPLETE_SYNTHESIS_PROMPT}`]],
      travel: [],
    },
    events: ["start planner", "plan", "delta planner", "end planner"],
    check: ({ events, models }) => {
      expect(models.calls.map((call) => call.structured)).toEqual([true, false]);
      expect(models.calls[0]?.system).toContain(
        '<fastagent:agent name="travel">\n  <fastagent:description>Books travel</fastagent:description>\n</fastagent:agent>',
      );
      expect(eventsOfType(events, "plan")[0]).toMatchObject({ iteration: 0, isComplete: true, tasks: [] });
    },
  },
  {
    rule: "orchestrator: stops after planIterations executed steps; tasks get objective, progress and task",
    graph: plannerDesign(1),
    scripts: {
      planner: [
        {
          json: {
            description: "research",
            tasks: [{ description: "find flights", agent: "travel" }],
            is_complete: false,
          },
        },
        "summary",
      ],
      travel: ["flights found"],
    },
    input: "plan a trip",
    output: "summary",
    received: { travel: [[`user: ${DELEGATED_FIND_FLIGHTS}`]] },
    events: [
      "start planner",
      "plan",
      "start travel",
      "delta travel",
      "end travel",
      "delta planner",
      "end planner",
    ],
    check: ({ models }) => {
      const planning = models.transcriptsOf("planner")[0]?.[0] ?? "";
      expect(planning).toContain("Planning Budget: 1 of 1 iterations remaining");
      const synthesis = models.transcriptsOf("planner")[1]?.[0] ?? "";
      expect(synthesis).toContain(`<fastagent:steps>\n${FLIGHTS_STEP_RESULT}\n</fastagent:steps>`);
      expect(synthesis).toContain(
        "The plan was stopped because Reached maximum number of iterations (1), terminating plan.",
      );
    },
  },
  {
    rule: "orchestrator: a task naming an unknown worker stops the plan before anything runs",
    graph: plannerDesign(),
    scripts: {
      planner: [
        {
          json: {
            description: "two things",
            tasks: [
              { description: "book", agent: "travel" },
              { description: "haunt", agent: "ghost" },
            ],
            is_complete: false,
          },
        },
        "could not plan",
      ],
      travel: [],
    },
    input: "plan a trip",
    output: "could not plan",
    received: { travel: [] },
    events: ["start planner", "plan", "delta planner", "end planner"],
    check: ({ models }) => {
      expect(models.transcriptsOf("planner")[1]?.[0]).toContain(
        "The plan was stopped because Invalid agent names found (ghost), terminating plan.",
      );
    },
  },
  {
    rule: "orchestrator: an unparsable plan stops the plan; the planner still writes the answer",
    graph: plannerDesign(),
    scripts: { planner: ["I am not JSON", "best effort answer"], travel: [] },
    input: "plan a trip",
    output: "best effort answer",
    events: ["start planner", "delta planner", "end planner"],
    check: ({ models }) => {
      expect(models.transcriptsOf("planner")[1]?.[0]).toContain(
        "The plan was stopped because Failed to generate plan, terminating early.",
      );
    },
  },
  {
    rule: "orchestrator: an empty synthesis answers 'No final message generated', streamed like any output",
    graph: plannerDesign(),
    scripts: { planner: ["I am not JSON", ""], travel: [] },
    input: "plan a trip",
    output: "No final message generated",
    events: ["start planner", "delta planner", "end planner"],
  },
  {
    rule: "orchestrator: a failing task records 'ERROR: ...' and the plan goes on; workers run concurrently",
    graph: design(
      [orchestrator("planner", { planIterations: 1 }), agent("flights"), agent("hotels")],
      [edges("planner", "worker", "flights", "hotels")],
    ),
    scripts: {
      planner: [
        {
          json: {
            description: "book",
            tasks: [
              { description: "book a flight", agent: "flights" },
              { description: "book a hotel", agent: "hotels" },
            ],
            is_complete: false,
          },
        },
        "partly booked",
      ],
      flights: [{ error: "the airline is down" }],
      hotels: ["hotel booked"],
    },
    input: "plan a trip",
    output: "partly booked",
    concurrent: true,
    events: [
      "start planner",
      "plan",
      "start flights",
      "start hotels",
      "error flights: the airline is down",
      "delta hotels",
      "end hotels",
      "delta planner",
      "end planner",
    ],
    check: ({ models }) => {
      const synthesis = models.transcriptsOf("planner")[1]?.[0] ?? "";
      expect(synthesis).toContain("<fastagent:result>ERROR: the airline is down</fastagent:result>");
      expect(synthesis).toContain("<fastagent:result>hotel booked</fastagent:result>");
    },
  },
  {
    rule: "orchestrator: tasks of one worker run one after the other, in order",
    graph: plannerDesign(1),
    scripts: {
      planner: [
        {
          json: {
            description: "book",
            tasks: [
              { description: "outbound", agent: "travel" },
              { description: "return", agent: "travel" },
            ],
            is_complete: false,
          },
        },
        "done",
      ],
      travel: ["outbound booked", "return booked"],
    },
    input: "plan a trip",
    output: "done",
    events: [
      "start planner",
      "plan",
      "start travel",
      "delta travel",
      "end travel",
      "start travel",
      "delta travel",
      "end travel",
      "delta planner",
      "end planner",
    ],
  },

  // MAKER
  {
    rule: "MAKER: returns as soon as the leader is k votes ahead; every sample starts from a fresh history",
    graph: voting({ k: 2 }),
    scripts: { solver: ["42", "42"] },
    input: "what is 6*7?",
    output: "42",
    received: { solver: [["user: what is 6*7?"], ["user: what is 6*7?"]] },
    events: [
      "start vote",
      "start solver",
      "delta solver",
      "end solver",
      "vote 42",
      "start solver",
      "delta solver",
      "end solver",
      "vote 42",
      "end vote",
    ],
    check: ({ state }) => {
      // Samples run in a throwaway memory: the run's memory keeps nothing of the worker.
      expect(state.memory.historyOf("solver")).toEqual([]);
    },
  },
  {
    rule: "MAKER: without a k-vote lead the plurality wins, earliest first on a tie; long samples are red-flagged",
    graph: voting({ k: 3, maxSamples: 5, redFlagMaxLength: 3 }),
    scripts: { solver: ["A", "much too long", "B", "B", "A"] },
    input: "pick",
    output: "A",
    events: [
      "start vote",
      ...["A", "red-flag", "B", "B", "A"].flatMap((key) => [
        "start solver",
        "delta solver",
        "end solver",
        `vote ${key}`,
      ]),
      "end vote",
    ],
  },
  {
    rule: "MAKER normalized: lowercased, whitespace-collapsed texts vote together",
    graph: voting({ k: 2, matchStrategy: "normalized" }),
    scripts: { solver: ["Hello   World", "hello world"] },
    input: "greet",
    output: "hello world",
    events: [
      "start vote",
      ...[1, 2].flatMap(() => ["start solver", "delta solver", "end solver", "vote hello world"]),
      "end vote",
    ],
  },
  {
    rule: "MAKER structured: equal JSON (canonical form) votes together",
    graph: voting({ k: 2, matchStrategy: "structured" }),
    scripts: { solver: ['{"b": 1, "a": [2, 3]}', '{ "a": [2,3], "b": 1 }'] },
    input: "as JSON",
    output: '{ "a": [2,3], "b": 1 }',
    events: [
      "start vote",
      ...[1, 2].flatMap(() => ["start solver", "delta solver", "end solver", 'vote {"a":[2,3],"b":1}']),
      "end vote",
    ],
  },
  {
    rule: "MAKER: when every sample is red-flagged the step fails",
    graph: voting({ k: 1, maxSamples: 2, redFlagMaxLength: 1 }),
    scripts: { solver: ["long", "longer"] },
    input: "pick",
    output: { error: "All 2 samples were red-flagged. Consider relaxing red-flag criteria." },
    events: [
      "start vote",
      ...[1, 2].flatMap(() => ["start solver", "delta solver", "end solver", "vote red-flag"]),
      "error vote: All 2 samples were red-flagged. Consider relaxing red-flag criteria.",
    ],
  },

  // Basic agent: tools
  {
    rule: "agents as tools: agent__<child> with { message }, a fresh history on every call",
    graph: design(
      [
        agent("lead", { instruction: "Delegate." }),
        agent("helper", { description: "Answers sub-questions" }),
      ],
      [edges("lead", "tool", "helper")],
    ),
    scripts: {
      lead: [
        { toolCall: { name: "agent__helper", arguments: { message: "first part" } } },
        { toolCall: { name: "agent__helper", arguments: { message: "second part" } } },
        "all done",
      ],
    },
    input: "do it",
    output: "all done",
    received: {
      lead: [
        ["user: do it"],
        [
          "user: do it",
          'assistant calls agent__helper {"message":"first part"}',
          "tool agent__helper: first part",
        ],
        [
          "user: do it",
          'assistant calls agent__helper {"message":"first part"}',
          "tool agent__helper: first part",
          'assistant calls agent__helper {"message":"second part"}',
          "tool agent__helper: second part",
        ],
      ],
      // The helper (passthrough, useHistory on) never sees its earlier call.
      helper: [["user: first part"], ["user: second part"]],
    },
    events: [
      "start lead",
      "tool-call agent__helper",
      "start helper",
      "delta helper",
      "end helper",
      "tool-result agent__helper",
      "tool-call agent__helper",
      "start helper",
      "delta helper",
      "end helper",
      "tool-result agent__helper",
      "delta lead",
      "end lead",
    ],
    check: ({ events, models }) => {
      expect(models.calls[0]?.tools).toEqual(["agent__helper"]);
      const lead = stepStart(events, "lead");
      expect(stepStart(events, "helper")?.parentStepId).toBe(lead?.stepId);
      expect(stepStart(events, "helper")?.label).toBe("tool call");
    },
  },
  {
    rule: "tool loop: at most maxIterations + 1 model calls, then the answer stops with reason maxIterations",
    graph: design([agent("looper", { requestParams: { maxIterations: 2 } })], []),
    scripts: {
      looper: [
        { toolCall: { name: "again" } },
        { toolCall: { name: "again" } },
        { toolCall: { name: "again" } },
      ],
    },
    input: "loop",
    output: "",
    events: [
      "start looper",
      "tool-call again",
      "tool-result again",
      "tool-call again",
      "tool-result again",
      "end looper",
    ],
    check: ({ events, models }) => {
      expect(models.calls).toHaveLength(3);
      expect(eventsOfType(events, "step-end")[0]?.stopReason).toBe("maxIterations");
    },
  },
  {
    rule: "tool loop: an unknown tool goes back to the model as an error result",
    graph: design([agent("worker")], []),
    scripts: { worker: [{ toolCall: { name: "nope", arguments: { x: 1 } } }, "recovered"] },
    input: "try",
    output: "recovered",
    received: {
      worker: [
        ["user: try"],
        ["user: try", 'assistant calls nope {"x":1}', "tool nope (error): Tool 'nope' is not available"],
      ],
    },
    events: ["start worker", "tool-call nope", "tool-result nope", "delta worker", "end worker"],
    check: ({ events }) => {
      expect(eventsOfType(events, "tool-result")[0]).toMatchObject({ isError: true });
    },
  },
  {
    rule: "tool loop: MCP tools <server>__<tool> run in parallel; a failing tool is an error result, not a failure",
    graph: design([agent("math", { servers: ["calc"] })], []),
    tools: calculatorTools,
    scripts: {
      math: [
        {
          toolCalls: [
            { name: "calc__add", arguments: { a: 1, b: 2 } },
            { name: "calc__divide", arguments: { a: 1, b: 0 } },
          ],
        },
        "3, and no division",
      ],
    },
    input: "compute",
    output: "3, and no division",
    received: {
      math: [
        ["user: compute"],
        [
          "user: compute",
          'assistant calls calc__add {"a":1,"b":2}',
          'assistant calls calc__divide {"a":1,"b":0}',
          "tool calc__add: 3",
          "tool calc__divide (error): Error: division by zero",
        ],
      ],
    },
    events: [
      "start math",
      "tool-call calc__add",
      "tool-call calc__divide",
      "tool-result calc__add",
      "tool-result calc__divide",
      "delta math",
      "end math",
    ],
    check: ({ models }) => expect(models.calls[0]?.tools).toEqual(["calc__add", "calc__divide"]),
  },
  {
    rule: "tool loop: parallelToolCalls false runs the calls one after the other",
    graph: design([agent("math", { servers: ["calc"], requestParams: { parallelToolCalls: false } })], []),
    tools: calculatorTools,
    scripts: {
      math: [
        {
          toolCalls: [
            { name: "calc__add", arguments: { a: 1, b: 2 } },
            { name: "calc__add", arguments: { a: 3, b: 4 } },
          ],
        },
        "3 and 7",
      ],
    },
    input: "compute",
    output: "3 and 7",
    events: [
      "start math",
      "tool-call calc__add",
      "tool-result calc__add",
      "tool-call calc__add",
      "tool-result calc__add",
      "delta math",
      "end math",
    ],
  },
  {
    rule: "human input: __human_input asks a person and the answer goes back to the model",
    graph: design([agent("concierge", { humanInput: true })], []),
    humanAnswers: ["Ada"],
    input: '***CALL_TOOL __human_input {"prompt": "What is your name?"}',
    output: "Ada",
    events: [
      "start concierge",
      "tool-call __human_input",
      "input-request",
      "input-response",
      "tool-result __human_input",
      "delta concierge",
      "end concierge",
    ],
    check: ({ events, models }) => {
      expect(models.calls[0]?.tools).toEqual(["__human_input"]);
      const request = eventsOfType(events, "input-request")[0];
      expect(request).toMatchObject({ prompt: "What is your name?" });
      expect(eventsOfType(events, "input-response")[0]).toMatchObject({
        requestId: request?.requestId,
        response: "Ada",
      });
    },
  },

  // Basic agent: history
  {
    rule: "useHistory: a shared agent keeps one history per run, across parents",
    graph: design(
      [chain("pipeline"), router("first"), router("second"), agent("shared")],
      [
        edges("pipeline", "step", "first", "second"),
        edges("first", "route", "shared"),
        edges("second", "route", "shared"),
      ],
    ),
    scripts: { shared: ["one", "two"] },
    input: "hi",
    output: "two",
    received: { shared: [["user: hi"], ["user: hi", "assistant: one", "user: one"]] },
    events: [
      "start pipeline",
      "start first",
      "route shared",
      "start shared",
      "delta shared",
      "end shared",
      "end first",
      "start second",
      "route shared",
      "start shared",
      "delta shared",
      "end shared",
      "end second",
      "end pipeline",
    ],
  },
  {
    rule: "useHistory false: the agent sees only the new messages",
    graph: design(
      [chain("pipeline"), router("first"), router("second"), agent("forgetful", { useHistory: false })],
      [
        edges("pipeline", "step", "first", "second"),
        edges("first", "route", "forgetful"),
        edges("second", "route", "forgetful"),
      ],
    ),
    scripts: { forgetful: ["one", "two"] },
    input: "hi",
    output: "two",
    received: { forgetful: [["user: hi"], ["user: one"]] },
    events: [
      "start pipeline",
      "start first",
      "route forgetful",
      "start forgetful",
      "delta forgetful",
      "end forgetful",
      "end first",
      "start second",
      "route forgetful",
      "start forgetful",
      "delta forgetful",
      "end forgetful",
      "end second",
      "end pipeline",
    ],
  },

  // Parameters do not leak
  {
    rule: "parameters do not leak: workflows never pass their model, temperature, instruction or token limit down",
    graph: design(
      [
        chain("pipeline", { instruction: "CHAIN INSTRUCTION" }),
        router("front", {
          model: "passthrough?temperature=0.9&maxTokens=99",
          instruction: "Route by topic: {context}",
          requestParams: { temperature: 0.7, maxTokens: 50 },
        }),
        agent("careful", { requestParams: { temperature: 0.2 } }),
        agent("plain"),
      ],
      [edges("pipeline", "step", "front"), edges("front", "route", "careful", "plain")],
    ),
    scripts: {
      front: [{ json: { agent: "plain", confidence: "high", reasoning: "simple" } }],
      plain: ["ok"],
    },
    input: "hi",
    output: "ok",
    events: [
      "start pipeline",
      "start front",
      "route plain",
      "start plain",
      "delta plain",
      "end plain",
      "end front",
      "end pipeline",
    ],
    check: ({ models }) => {
      const [routing, answer] = models.calls;
      expect(routing).toMatchObject({
        agent: "front",
        temperature: 0.7,
        maxOutputTokens: 50,
        structured: true,
      });
      expect(routing?.system).toContain("Route by topic: {");
      expect(answer).toMatchObject({
        agent: "plain",
        system: undefined,
        temperature: undefined,
        maxOutputTokens: undefined,
        topP: undefined,
        structured: false,
        modelString: "passthrough",
      });
    },
  },
  {
    rule: "model resolution: node model, then the design's defaultModel, then passthrough",
    graph: design(
      [chain("pipeline"), agent("own", { model: "silent" }), agent("inherits")],
      [edges("pipeline", "step", "own", "inherits")],
      { defaultModel: "passthrough?topP=0.5" },
    ),
    input: "echo me",
    output: "echo me",
    events: [
      "start pipeline",
      "start own",
      "delta own",
      "end own",
      "start inherits",
      "delta inherits",
      "end inherits",
      "end pipeline",
    ],
    check: ({ events, models }) => {
      expect(models.calls.map((call) => call.modelString)).toEqual(["silent", "passthrough?topP=0.5"]);
      expect(models.calls[1]?.topP).toBe(0.5);
      // silent reports zero usage; passthrough estimates it.
      const ends = eventsOfType(events, "step-end");
      expect(ends[0]?.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 1 });
      expect(ends[1]?.usage).toEqual({ inputTokens: 2, outputTokens: 2, totalTokens: 4, modelCalls: 1 });
      expect(ends[2]?.usage).toEqual({ inputTokens: 2, outputTokens: 2, totalTokens: 4, modelCalls: 2 });
    },
  },

  // Offline models through the engine
  {
    rule: "passthrough: echoes the trailing user messages",
    graph: design([agent("echo")], []),
    input: [
      { role: "user", content: [{ type: "text", text: "line one" }] },
      { role: "user", content: [{ type: "text", text: "line two" }] },
    ],
    output: "line one\nline two",
    events: ["start echo", "delta echo", "end echo"],
  },
  {
    rule: "passthrough: a message's text parts join by a new line (fast-agent's all_text), as do workflow request texts",
    graph: design(
      [parallel("fanout", { includeRequest: true }), agent("echo")],
      [edges("fanout", "fan_out", "echo")],
    ),
    input: [
      {
        role: "user",
        content: [
          { type: "text", text: "part one" },
          { type: "text", text: "part two" },
        ],
      },
    ],
    output: [
      "The following request was sent to the agents:",
      "<fastagent:request>\npart one\npart two\n</fastagent:request>",
      '<fastagent:response agent="echo">\npart one\npart two\n</fastagent:response>',
    ].join("\n\n"),
    events: ["start fanout", "start echo", "delta echo", "end echo", "end fanout"],
  },
  {
    rule: "passthrough: a last assistant message is returned unchanged",
    graph: design([agent("echo")], []),
    input: [
      { role: "user", content: [{ type: "text", text: "question" }] },
      { role: "assistant", content: [{ type: "text", text: "prefilled" }] },
    ],
    output: "prefilled",
    events: ["start echo", "delta echo", "end echo"],
  },
  {
    rule: "passthrough: ***CALL_TOOL calls an MCP tool and answers with its result text",
    graph: design([agent("math", { servers: ["calc"] })], []),
    tools: calculatorTools,
    input: '***CALL_TOOL calc__add {"a": 20, "b": 22}',
    output: "42",
    events: ["start math", "tool-call calc__add", "tool-result calc__add", "delta math", "end math"],
  },
  {
    rule: "passthrough: ***CALL_TOOL with invalid JSON fails the step",
    graph: design([agent("math")], []),
    input: "***CALL_TOOL calc__add {oops",
    output: { error: "Invalid JSON arguments: {oops" },
    events: ["start math", "error math: Invalid JSON arguments: {oops"],
  },
  {
    rule: "passthrough: ***FIXED_RESPONSE is sticky for the agent for the rest of the run",
    graph: design([agent("parrot")], []),
    input: "***FIXED_RESPONSE always this",
    output: "always this",
    followUps: [
      { input: "something else", output: "always this" },
      { input: "***FIXED_RESPONSE now that", output: "now that" },
      { input: "and again", output: "now that" },
    ],
    events: Array.from({ length: 4 }, () => ["start parrot", "delta parrot", "end parrot"]).flat(),
  },
  {
    rule: "playback: HISTORY LOADED, then the stored assistant messages, then MESSAGES EXHAUSTED with the overage",
    graph: design([agent("replay", { model: "playback", useHistory: false })], []),
    input: [
      { role: "user", content: [{ type: "text", text: "q1" }] },
      { role: "assistant", content: [{ type: "text", text: "a1" }] },
      { role: "user", content: [{ type: "text", text: "q2" }] },
      { role: "assistant", content: [{ type: "text", text: "a2" }] },
    ],
    output: "HISTORY LOADED (4) messages",
    followUps: [
      { input: "next", output: "a1" },
      { input: "next", output: "a2" },
      { input: "next", output: "MESSAGES EXHAUSTED (list size 4) (0 overage)" },
      { input: "next", output: "MESSAGES EXHAUSTED (list size 4) (1 overage)" },
    ],
    events: Array.from({ length: 5 }, () => ["start replay", "delta replay", "end replay"]).flat(),
  },

  // Nesting
  {
    rule: "nesting: a router routes into a chain; steps hang under their parents",
    graph: design(
      [router("front"), chain("research"), agent("finder"), agent("writer"), agent("smalltalk")],
      [edges("front", "route", "research", "smalltalk"), edges("research", "step", "finder", "writer")],
    ),
    scripts: {
      front: [{ json: { agent: "research", confidence: "high", reasoning: "needs research" } }],
      finder: ["notes"],
      writer: ["report"],
    },
    input: "research bees",
    output: "report",
    received: { finder: [["user: research bees"]], writer: [["user: notes"]], smalltalk: [] },
    events: [
      "start front",
      "route research",
      "start research",
      "start finder",
      "delta finder",
      "end finder",
      "start writer",
      "delta writer",
      "end writer",
      "end research",
      "end front",
    ],
    check: ({ events, models }) => {
      expect(models.calls[0]?.system).toContain(
        '{"name":"research","description":"Chain processes requests through a series of agents in sequence, the output of each agent is passed to the next."}',
      );
      const front = stepStart(events, "front");
      const research = stepStart(events, "research");
      expect(front?.parentStepId).toBeNull();
      expect(research?.parentStepId).toBe(front?.stepId);
      expect(stepStart(events, "finder")?.parentStepId).toBe(research?.stepId);
      expect(stepStart(events, "writer")?.parentStepId).toBe(research?.stepId);
      expect(research?.kind).toBe("chain");
    },
  },
  {
    rule: "nesting: a chain as the generator of an evaluator-optimizer",
    graph: design(
      [evaluatorOptimizer("polish"), chain("draft"), agent("outliner"), agent("writer"), agent("critic")],
      [
        edges("polish", "generator", "draft"),
        edges("polish", "evaluator", "critic"),
        edges("draft", "step", "outliner", "writer"),
      ],
    ),
    scripts: { outliner: ["outline"], writer: ["essay"], critic: [evaluation("EXCELLENT", "great", false)] },
    input: "an essay please",
    output: "essay",
    events: [
      "start polish",
      "start draft",
      "start outliner",
      "delta outliner",
      "end outliner",
      "start writer",
      "delta writer",
      "end writer",
      "end draft",
      "start critic",
      "delta critic",
      "end critic",
      "evaluation EXCELLENT",
      "end polish",
    ],
    check: ({ models }) => {
      expect(models.transcriptsOf("critic")[0]?.[0]).toContain(
        "    <fastagent:response>\nessay\n    </fastagent:response>",
      );
    },
  },

  // Run limits
  {
    rule: "run limits: the model-call limit fails the run with RunLimitError",
    graph: design(
      [chain("pipeline"), agent("first"), agent("second")],
      [edges("pipeline", "step", "first", "second")],
    ),
    limits: { maxModelCalls: 1 },
    input: "go",
    output: { error: "The run reached its limit of 1 model calls; it was stopped before making another." },
    events: [
      "start pipeline",
      "start first",
      "delta first",
      "end first",
      "start second",
      "error second: The run reached its limit of 1 model calls; it was stopped before making another.",
      "error pipeline: The run reached its limit of 1 model calls; it was stopped before making another.",
    ],
  },
  {
    rule: "run limits: the token limit fails the run",
    graph: design([agent("talker")], []),
    limits: { maxTokens: 150 },
    input: LONG_TEXT,
    output: { error: "The run used 200 tokens, more than its limit of 150; it was stopped." },
    events: [
      "start talker",
      "delta talker",
      "error talker: The run used 200 tokens, more than its limit of 150; it was stopped.",
    ],
  },
  {
    rule: "run limits: a workflow that turns failures into answers still stops at a run limit",
    graph: plannerDesign(),
    limits: { maxModelCalls: 1 },
    scripts: {
      planner: [
        {
          json: { description: "go", tasks: [{ description: "book", agent: "travel" }], is_complete: false },
        },
      ],
      travel: ["never"],
    },
    input: "plan a trip",
    output: { error: "The run reached its limit of 1 model calls; it was stopped before making another." },
    events: [
      "start planner",
      "plan",
      "start travel",
      "error travel: The run reached its limit of 1 model calls; it was stopped before making another.",
      "error planner: The run reached its limit of 1 model calls; it was stopped before making another.",
    ],
    check: ({ models }) => expect(models.remainingReplies()).toEqual({ planner: 0, travel: 1 }),
  },
];

async function runCase(testCase: ConformanceCase): Promise<CaseRun & { failure: unknown }> {
  const models = createTestModelFactory(testCase.scripts);
  const { ctx, events } = createTestContext({
    models: models.models,
    tools: testCase.tools,
    limits: testCase.limits,
    humanAnswers: testCase.humanAnswers,
  });
  const state = createRunState();
  const agentName = testCase.agent ?? testCase.graph.nodes[0]?.data.name ?? "";
  const outputs: string[] = [];
  let failure: unknown;
  const turns = [testCase.input, ...(testCase.followUps ?? []).map((turn) => turn.input)];
  for (const input of turns) {
    try {
      outputs.push(
        messageText(await runAgentByName(testCase.graph, agentName, toMessages(input), ctx, { state })),
      );
    } catch (error) {
      failure = error;
      break;
    }
  }
  return { events, models, outputs, state, failure };
}

/**
 * Every step that streamed text streamed exactly its output (in its last turn), and every step that
 * answers with its own model's text (an agent, an orchestrator's synthesis) streamed a non-empty
 * output.
 */
function expectDeltasMatchOutputs(events: EngineEvent[]): void {
  const streamed = streamedText(events);
  const kinds = new Map(eventsOfType(events, "step-start").map((start) => [start.stepId, start.kind]));
  for (const end of eventsOfType(events, "step-end")) {
    const turns = [...streamed.keys()].filter((key) => key.startsWith(`${end.stepId}#`));
    const kind = kinds.get(end.stepId);
    if (turns.length === 0) {
      if (kind === "agent" || kind === "orchestrator") expect(end.output, `deltas of ${end.stepId}`).toBe("");
      continue;
    }
    const lastTurn = turns.sort((left, right) => turnOf(left) - turnOf(right)).at(-1) ?? "";
    expect(streamed.get(lastTurn)).toBe(end.output);
  }
}

const turnOf = (key: string) => Number(key.slice(key.lastIndexOf("#") + 1));

describe("conformance with semantics.md", () => {
  it.each(cases.map((testCase) => [testCase.rule, testCase] as const))("%s", async (_rule, testCase) => {
    const run = await runCase(testCase);

    if (typeof testCase.output === "string") {
      expect(run.failure).toBeUndefined();
      expect(run.outputs).toEqual([
        testCase.output,
        ...(testCase.followUps ?? []).map((turn) => turn.output),
      ]);
    } else {
      expect(run.failure).toBeInstanceOf(Error);
      expect((run.failure as Error).message).toBe(testCase.output.error);
    }

    const summary = summarizeEvents(run.events);
    if (testCase.concurrent === true) {
      expect([...summary].sort()).toEqual([...testCase.events].sort());
      expect(summary[0]).toBe(testCase.events[0]);
      expect(summary.at(-1)).toBe(testCase.events.at(-1));
    } else {
      expect(summary).toEqual(testCase.events);
    }

    for (const [agentName, transcripts] of Object.entries(testCase.received ?? {})) {
      expect(run.models.transcriptsOf(agentName), `what ${agentName} received`).toEqual(transcripts);
    }
    if (typeof testCase.output === "string") {
      for (const [agentName, left] of Object.entries(run.models.remainingReplies())) {
        expect(left, `unused replies of ${agentName}`).toBe(0);
      }
    }
    expectDeltasMatchOutputs(run.events);
    for (const event of run.events) expect(engineEventSchema.parse(event)).toEqual(event);
    testCase.check?.(run);
  });
});

describe("failures that end the run", () => {
  it("run limits surface as RunLimitError", async () => {
    const graph = design([agent("talker")], []);
    const models = createTestModelFactory();
    const { ctx } = createTestContext({ models: models.models, limits: { maxModelCalls: 0 } });
    await expect(runAgentByName(graph, "talker", toMessages("hi"), ctx)).rejects.toBeInstanceOf(
      RunLimitError,
    );
  });

  it("cancel: a slow model is aborted through the signal and the run ends within a second", async () => {
    const graph = design(
      [chain("pipeline"), agent("sleepy", { model: "slow?delayMs=30000" })],
      [edges("pipeline", "step", "sleepy")],
    );
    const models = createTestModelFactory();
    const { ctx, events, controller } = createTestContext({ models: models.models });
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("The run was cancelled.")), 50);
    await expect(runAgentByName(graph, "pipeline", toMessages("hello"), ctx)).rejects.toThrow(
      "The run was cancelled.",
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(summarizeEvents(events)).toEqual([
      "start pipeline",
      "start sleepy",
      "error sleepy: The run was cancelled.",
      "error pipeline: The run was cancelled.",
    ]);
  });

  it("cancel: a step waiting for a person stops waiting", async () => {
    const graph = design([agent("concierge", { humanInput: true })], []);
    const models = createTestModelFactory();
    const { ctx, events, controller } = createTestContext({
      models: models.models,
      humanInput: () => new Promise<string>(() => undefined),
    });
    setTimeout(() => controller.abort(new Error("The run was cancelled.")), 20);
    await expect(
      runAgentByName(graph, "concierge", toMessages('***CALL_TOOL __human_input {"prompt":"?"}'), ctx),
    ).rejects.toThrow("The run was cancelled.");
    expect(summarizeEvents(events)).toEqual([
      "start concierge",
      "tool-call __human_input",
      "input-request",
      "error concierge: The run was cancelled.",
    ]);
  });

  it("an unknown agent name is refused", async () => {
    const graph = design([agent("only")], []);
    const { ctx } = createTestContext({ models: createTestModelFactory().models });
    await expect(runAgentByName(graph, "missing", toMessages("hi"), ctx)).rejects.toThrow(
      'The design has no agent named "missing".',
    );
  });
});

describe("memory across runs (chat turns)", () => {
  it("a preloaded memory continues an agent's conversation, and its snapshot holds the new turn", async () => {
    const graph = design([agent("chatty")], []);
    const models = createTestModelFactory({ chatty: ["second answer"] });
    const { ctx } = createTestContext({ models: models.models });
    const memory = createAgentMemory({
      chatty: [
        { role: "user", content: [{ type: "text", text: "first question" }] },
        { role: "assistant", content: [{ type: "text", text: "first answer" }] },
      ],
    });
    await runAgentByName(graph, "chatty", toMessages("second question"), ctx, {
      state: createRunState({ memory }),
    });
    expect(models.transcriptsOf("chatty")).toEqual([
      ["user: first question", "assistant: first answer", "user: second question"],
    ]);
    expect(memory.snapshot().chatty?.map(messageText)).toEqual([
      "first question",
      "first answer",
      "second question",
      "second answer",
    ]);
  });
});
