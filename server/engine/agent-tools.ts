import type { NodeOfType } from "@/server/designs/graph-schema";
import { endsTheRun, errorMessage } from "@/server/engine/abort";
import type {
  SampleAnswer,
  SampleRequest,
  ToolCallContext,
  ToolCallOutcome,
  ToolDefinition,
} from "@/server/engine/context";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { askHuman, askPerson, HUMAN_INPUT_TOOL } from "@/server/engine/human-input-tool";
import {
  type Message,
  type MessagePart,
  messageText,
  type ToolCall,
  type ToolResult,
  userMessage,
} from "@/server/engine/messages";
import { callSettingsFor, modelStringFor } from "@/server/engine/model-resolution";
import { toolResultText } from "@/server/engine/prompt-conversion";
import { settleAll } from "@/server/engine/settle-all";
import { MAX_EVENT_IMAGE_BASE64, type ToolResultPart } from "@/server/events/schema";

type ToolHandler = (args: unknown, call: { callId: string }) => Promise<ToolCallOutcome>;

/** The tools one agent may call, and how each is run. */
export type AgentToolbox = {
  definitions: ToolDefinition[];
  handlers: Map<string, ToolHandler>;
};

export const AGENT_TOOL_PREFIX = "agent__";

const AGENT_TOOL_INPUT_SCHEMA = {
  type: "object",
  properties: { message: { type: "string", description: "The message to send to the agent" } },
  required: ["message"],
};

/**
 * MCP tools of the agent's servers (`<server>__<tool>`), its `tool` children as `agent__<child>`
 * (each call runs the child with a fresh history), and `__human_input` when enabled.
 */
export async function assembleToolbox(
  node: NodeOfType<"agent">,
  scope: ExecutionScope,
): Promise<AgentToolbox> {
  const toolbox: AgentToolbox = { definitions: [], handlers: new Map() };
  const add = (definition: ToolDefinition, handler: ToolHandler) => {
    if (toolbox.handlers.has(definition.name)) return;
    toolbox.definitions.push(definition);
    toolbox.handlers.set(definition.name, handler);
  };

  const servers = node.data.servers ?? [];
  if (servers.length > 0) {
    const { engine } = scope;
    const mcpTools = await engine.tools.listTools({ servers, filters: node.data.tools }, engine.signal);
    for (const tool of mcpTools) {
      add(tool, (args, { callId }) =>
        engine.tools.callTool(tool.name, args, toolCallContext(node, scope, callId)),
      );
    }
  }

  for (const child of scope.graph.childrenOf(node, "tool")) {
    const name = `${AGENT_TOOL_PREFIX}${child.data.name}`;
    const description =
      child.data.description ||
      ("instruction" in child.data ? child.data.instruction : undefined) ||
      `Send a message to the ${child.data.name} agent`;
    add({ name, description, inputSchema: AGENT_TOOL_INPUT_SCHEMA }, async (args) => {
      const response = await scope.runChild(child, [userMessage(agentToolInput(args))], {
        label: "tool call",
        freshMemory: true,
      });
      return { content: response.content, isError: false };
    });
  }

  if (node.data.humanInput === true) add(HUMAN_INPUT_TOOL, (args) => askHuman(args, scope));
  return toolbox;
}

/** `{ "message": string }`; also fast-agent's older `{ text }` / `{ json }` shapes. */
function agentToolInput(args: unknown): string {
  if (typeof args === "string") return args;
  if (typeof args !== "object" || args === null) return "";
  const fields = args as Record<string, unknown>;
  if (typeof fields.message === "string") return fields.message;
  if (typeof fields.text === "string") return fields.text;
  if ("json" in fields) return JSON.stringify(fields.json) ?? "";
  return Object.keys(fields).length === 0 ? "" : JSON.stringify(fields);
}

/**
 * Runs the tool calls of one model answer (concurrently when `parallel`), emitting `tool-call`
 * and `tool-result` events. Unknown tools and failing tools become error results for the model;
 * only a cancel or a run limit escapes.
 */
export async function runToolCalls(
  toolbox: AgentToolbox,
  calls: readonly ToolCall[],
  parallel: boolean,
  scope: ExecutionScope,
): Promise<Message> {
  const runOne = async (call: ToolCall): Promise<ToolResult> => {
    const callId = call.id === "" ? scope.engine.newId() : call.id;
    const stepId = scope.step.id;
    scope.emit({ type: "tool-call", stepId, callId, tool: call.name, arguments: call.arguments });
    const outcome = await invoke(toolbox, call, callId, scope);
    const content = toolResultText(outcome.content);
    const parts = toolResultParts(outcome.content);
    scope.emit({
      type: "tool-result",
      stepId,
      callId,
      tool: call.name,
      content,
      isError: outcome.isError,
      ...(parts.length === 0 ? {} : { parts }),
    });
    return { callId: call.id, name: call.name, content: outcome.content, isError: outcome.isError };
  };

  const results: ToolResult[] = [];
  if (parallel && calls.length > 1) {
    // Each call announces itself before its first await, so all tool-call events come first.
    results.push(...(await settleAll(calls.map(runOne))));
  } else {
    for (const call of calls) results.push(await runOne(call));
  }
  return { role: "user", content: [], toolResults: results };
}

async function invoke(
  toolbox: AgentToolbox,
  call: ToolCall,
  callId: string,
  scope: ExecutionScope,
): Promise<ToolCallOutcome> {
  const handler = toolbox.handlers.get(call.name);
  if (handler === undefined) {
    return { content: [{ type: "text", text: `Tool '${call.name}' is not available` }], isError: true };
  }
  try {
    return await handler(call.arguments, { callId });
  } catch (error) {
    if (endsTheRun(error, scope.engine.signal)) throw error;
    return { content: [{ type: "text", text: `Error: ${errorMessage(error)}` }], isError: true };
  }
}

/**
 * What an MCP tool call may ask of the run, tied to the calling step: progress events, a person
 * (elicitation) and the calling agent's own model (sampling), the latter counted like any of its
 * model calls.
 */
function toolCallContext(node: NodeOfType<"agent">, scope: ExecutionScope, callId: string): ToolCallContext {
  const stepId = scope.step.id;
  return {
    signal: scope.engine.signal,
    stepId,
    callId,
    reportProgress: (progress) => scope.emit({ type: "tool-progress", stepId, callId, ...progress }),
    askPerson: (question) => askPerson(scope, question),
    sample: (request) => sampleWithAgentModel(node, request, scope),
  };
}

async function sampleWithAgentModel(
  node: NodeOfType<"agent">,
  request: SampleRequest,
  scope: ExecutionScope,
): Promise<SampleAnswer> {
  const modelString = modelStringFor(node, scope.graph.graph.defaultModel, undefined);
  // The server's maxTokens is honoured, within the agent's own limit when it has one.
  const own = callSettingsFor(modelString, node.data.requestParams);
  const maxTokens =
    request.maxTokens === undefined
      ? own.maxOutputTokens
      : Math.min(request.maxTokens, own.maxOutputTokens ?? Infinity);
  const temperature = request.temperature ?? own.temperature;
  // The same node (so the same model instance and usage), with the request's limits for this call.
  const sampler: NodeOfType<"agent"> = {
    ...node,
    data: {
      ...node.data,
      requestParams: {
        ...node.data.requestParams,
        ...(maxTokens === undefined ? {} : { maxTokens }),
        ...(temperature === undefined ? {} : { temperature }),
      },
    },
  };
  const answer = await scope.callModel({ node: sampler, system: request.system, messages: request.messages });
  return {
    text: messageText(answer),
    model: modelString.split("?")[0] ?? modelString,
    stopReason: answer.stopReason ?? "end_turn",
  };
}

/** Images and resources of a tool result for its event; large image data stays out of the log. */
function toolResultParts(content: readonly MessagePart[]): ToolResultPart[] {
  return content.flatMap((part): ToolResultPart[] => {
    switch (part.type) {
      case "image":
        return [
          {
            type: "image",
            mimeType: part.mediaType,
            bytes: base64ByteLength(part.data),
            ...(part.data.length <= MAX_EVENT_IMAGE_BASE64 ? { data: part.data } : {}),
          },
        ];
      case "resource":
        return [{ type: "resource", uri: part.uri, ...(part.mediaType ? { mimeType: part.mediaType } : {}) }];
      case "text":
        return [];
    }
  });
}

function base64ByteLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}
