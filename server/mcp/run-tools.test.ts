/**
 * MCP tools inside runs, against real servers over stdio (@modelcontextprotocol/server-everything
 * and the project's fixture server), driven by the engine with offline and scripted models.
 */
import { describe, expect, it } from "vitest";
import type { Graph } from "@/server/designs/graph-schema";
import type { RunLimits } from "@/server/engine/context";
import { agent, chain, createTestContext, design, edges } from "@/server/engine/engine-test-kit";
import { messageText, toMessages } from "@/server/engine/messages";
import { runAgentByName } from "@/server/engine/run-graph";
import type { EngineEvent } from "@/server/events/schema";
import type { McpServerEntry } from "@/server/mcp/server-entry";
import { createRunToolSource } from "@/server/mcp/run-tools";
import {
  createTestConnector,
  entriesOf,
  everythingEntry,
  fixtureEntry,
  inlineServerEntry,
  processAlive,
  sdkModule,
} from "@/server/mcp/run-tools-test-kit";
import { createTestModelFactory, type ScriptedReply } from "@/server/models/offline";

type RunOptions = {
  graph: Graph;
  input: string;
  entries: McpServerEntry[];
  scripts?: Record<string, ScriptedReply[]>;
  humanAnswers?: string[];
  limits?: Partial<RunLimits>;
  callTimeoutMs?: number;
  /** Sees every event as it is emitted; may cancel the run through `cancel`. */
  watch?: (event: EngineEvent, cancel: () => void) => void;
};

async function runWithTools(options: RunOptions) {
  const models = createTestModelFactory(options.scripts);
  const connector = createTestConnector();
  const { ctx, events, controller } = createTestContext({
    models: models.models,
    humanAnswers: options.humanAnswers,
    limits: options.limits,
  });
  const tools = createRunToolSource({
    loadEntries: entriesOf(...options.entries),
    open: connector.open,
    signal: controller.signal,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
  });
  ctx.tools = tools;
  const cancel = () => controller.abort(new Error("The run was cancelled."));
  ctx.emit = (event) => {
    events.push(event);
    options.watch?.(event, cancel);
  };
  let output: string | undefined;
  let failure: unknown;
  try {
    const name = options.graph.nodes[0]?.data.name ?? "";
    output = messageText(await runAgentByName(options.graph, name, toMessages(options.input), ctx));
  } catch (error) {
    failure = error;
  } finally {
    await tools.close();
  }
  return { output, failure, events, models, opened: connector.opened };
}

const ofType = <Type extends EngineEvent["type"]>(events: EngineEvent[], type: Type) =>
  events.filter((event): event is Extract<EngineEvent, { type: Type }> => event.type === type);

const oneAgent = (data: Parameters<typeof agent>[1]) => design([agent("helper", data)], []);

describe("MCP tools in runs (real servers over stdio)", () => {
  it("a passthrough agent calls everything__echo and gets the echo back; the connection is closed after", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: '***CALL_TOOL everything__echo {"message":"hi"}',
      entries: [everythingEntry()],
    });
    expect(run.failure).toBeUndefined();
    expect(run.output).toBe("Echo: hi");
    const [call] = ofType(run.events, "tool-call");
    const [result] = ofType(run.events, "tool-result");
    expect(call).toMatchObject({ tool: "everything__echo", arguments: { message: "hi" } });
    expect(result).toMatchObject({ callId: call?.callId, content: "Echo: hi", isError: false });
    expect(result?.parts).toBeUndefined();
    expect(run.opened).toHaveLength(1);
    expect(run.opened[0]?.closed).toBe(true);
    expect(processAlive(run.opened[0]!.pid!)).toBe(false);
  });

  it("shows an agent only its servers' tools that pass its globs; hidden tools cannot be called", async () => {
    const run = await runWithTools({
      graph: oneAgent({
        model: "passthrough",
        servers: ["everything"],
        tools: { everything: ["get-*", "!get-env"] },
      }),
      input: '***CALL_TOOL everything__echo {"message":"hi"}',
      entries: [everythingEntry(), fixtureEntry()],
    });
    expect(run.models.calls[0]?.tools).toEqual([
      "everything__get-annotated-message",
      "everything__get-resource-links",
      "everything__get-resource-reference",
      "everything__get-structured-content",
      "everything__get-sum",
      "everything__get-tiny-image",
    ]);
    expect(ofType(run.events, "tool-result")[0]).toMatchObject({
      content: "Tool 'everything__echo' is not available",
      isError: true,
    });
    // Only the agent's own server was started.
    expect(run.opened.map((connection) => connection.name)).toEqual(["everything"]);
  });

  it("shares one connection per server among all agents of a run", async () => {
    const graph = design(
      [
        chain("pipeline"),
        agent("first", { model: "passthrough", servers: ["fixture"] }),
        agent("second", { model: "passthrough", servers: ["fixture"] }),
      ],
      [edges("pipeline", "step", "first", "second")],
    );
    const run = await runWithTools({
      graph,
      input: '***CALL_TOOL fixture__echo {"message":"one"}',
      entries: [fixtureEntry()],
    });
    expect(run.failure).toBeUndefined();
    // The second agent echoes the first one's answer; both listed the same server's tools.
    expect(run.output).toBe("Echo: one");
    expect(run.models.calls.map((call) => call.tools.includes("fixture__echo"))).toEqual([true, true, true]);
    expect(run.opened).toHaveLength(1);
  });

  it("round-trips tool names longer than 64 characters, and names with characters providers refuse", async () => {
    const longName = `report_quarterly_revenue_for_every_region_${"x".repeat(40)}`;
    const script = [
      `import { McpServer } from "${sdkModule("server/mcp.js")}";`,
      `import { StdioServerTransport } from "${sdkModule("server/stdio.js")}";`,
      'const server = new McpServer({ name: "long-names", version: "1.0.0" });',
      `for (const name of ["${longName}_a", "${longName}_b", "files.read"]) {`,
      '  server.registerTool(name, { description: name }, async () => ({ content: [{ type: "text", text: "ran " + name }] }));',
      "}",
      "await server.connect(new StdioServerTransport());",
    ].join("\n");
    const server = "a-registry-name-of-32-characters";
    const entry = inlineServerEntry(server, script);
    const listed = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: [server] }),
      input: "hello",
      entries: [entry],
    });
    const names = listed.models.calls[0]?.tools ?? [];
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(new Set(names).size).toBe(3);

    const target = names.find((name) => name.startsWith(`${server}__report`) && name !== names[0]) ?? "";
    const dotted = names.find((name) => name.includes("files_read")) ?? "";
    const run = await runWithTools({
      graph: oneAgent({ servers: [server] }),
      scripts: { helper: [{ toolCalls: [{ name: target }, { name: dotted }] }, "done"] },
      input: "go",
      entries: [entry],
    });
    expect(run.failure).toBeUndefined();
    expect(ofType(run.events, "tool-result").map((event) => [event.tool, event.content])).toEqual([
      [target, `ran ${longName}_b`],
      [dotted, "ran files.read"],
    ]);
  });

  it("reports progress as tool-progress events and ends the server (and what it started) on cancel", async () => {
    let cancelled = false;
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["fixture"] }),
      input: '***CALL_TOOL fixture__slow {"ms": 60000, "steps": 100}',
      entries: [fixtureEntry()],
      watch: (event, cancel) => {
        if (event.type === "tool-progress" && !cancelled) {
          cancelled = true;
          cancel();
        }
      },
    });
    expect(run.failure).toBeInstanceOf(Error);
    expect((run.failure as Error).message).toBe("The run was cancelled.");
    const [progress] = ofType(run.events, "tool-progress");
    const [call] = ofType(run.events, "tool-call");
    expect(progress).toMatchObject({ stepId: call?.stepId, callId: call?.callId, progress: 0, total: 100 });
    const pids = JSON.parse(progress?.message ?? "{}") as { pid: number; grandchildPid: number };
    expect(pids.pid).toBe(run.opened[0]?.pid);
    expect(ofType(run.events, "tool-result")).toEqual([]);
    await expect
      .poll(() => [processAlive(pids.pid), processAlive(pids.grandchildPid)])
      .toEqual([false, false]);
  });

  it("emits progress for everything's trigger-long-running-operation and returns its result", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: '***CALL_TOOL everything__trigger-long-running-operation {"duration": 1, "steps": 2}',
      entries: [everythingEntry()],
    });
    expect(run.output).toBe("Long running operation completed. Duration: 1 seconds, Steps: 2.");
    const progress = ofType(run.events, "tool-progress");
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatchObject({ progress: 1, total: 2 });
    // Progress comes between the call and its result.
    const types = run.events.map((event) => event.type);
    expect(types.indexOf("tool-call")).toBeLessThan(types.indexOf("tool-progress"));
    expect(types.lastIndexOf("tool-progress")).toBeLessThan(types.indexOf("tool-result"));
  });

  it("a server that crashes mid-call fails only that call; the next call starts it again", async () => {
    const run = await runWithTools({
      graph: oneAgent({ servers: ["fixture"] }),
      scripts: {
        helper: [
          { toolCall: { name: "fixture__crash" } },
          { toolCall: { name: "fixture__echo", arguments: { message: "again" } } },
          "done",
        ],
      },
      input: "go",
      entries: [fixtureEntry()],
    });
    expect(run.failure).toBeUndefined();
    expect(run.output).toBe("done");
    const [crash, echo] = ofType(run.events, "tool-result");
    expect(crash).toMatchObject({ tool: "fixture__crash", isError: true });
    expect(crash?.content).toMatch(
      /^The MCP server "fixture" went away during the call \(.+\)\. It is started again/,
    );
    expect(echo).toMatchObject({ tool: "fixture__echo", content: "Echo: again", isError: false });
    expect(run.opened).toHaveLength(2);
    expect(run.opened.every((connection) => connection.closed)).toBe(true);
  });

  it("gives up on a server that keeps crashing after two restarts", async () => {
    const crash = { toolCall: { name: "fixture__crash" } };
    const run = await runWithTools({
      graph: oneAgent({ servers: ["fixture"] }),
      scripts: { helper: [crash, crash, crash, crash, "done"] },
      input: "go",
      entries: [fixtureEntry()],
    });
    expect(run.output).toBe("done");
    const contents = ofType(run.events, "tool-result").map((event) => event.content);
    expect(contents[2]).toMatch(/It is not started again in this run\.$/);
    expect(contents[3]).toBe(
      'The MCP server "fixture" is not available: The MCP server "fixture" stopped 3 times during this run; it is not started again.',
    );
    expect(run.opened).toHaveLength(3);
  });

  it("a call that takes longer than the call timeout is cancelled with an error result", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["fixture"] }),
      input: '***CALL_TOOL fixture__slow {"ms": 20000, "steps": 1}',
      entries: [fixtureEntry()],
      callTimeoutMs: 300,
    });
    expect(run.failure).toBeUndefined();
    expect(run.output).toBe(
      "The MCP tool 'fixture__slow' did not answer within 0.3 s; the call was cancelled.",
    );
    expect(ofType(run.events, "tool-result")[0]?.isError).toBe(true);
  });

  it("turns an image result into an image part of the tool result and its event", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: "***CALL_TOOL everything__get-tiny-image",
      entries: [everythingEntry()],
    });
    expect(run.failure).toBeUndefined();
    const [result] = ofType(run.events, "tool-result");
    expect(result?.isError).toBe(false);
    const [image] = result?.parts ?? [];
    expect(image).toMatchObject({ type: "image", mimeType: "image/png" });
    expect(image?.type === "image" && image.bytes).toBeGreaterThan(0);
    expect(
      image?.type === "image" &&
        Buffer.from(image.data ?? "", "base64")
          .subarray(1, 4)
          .toString(),
    ).toBe("PNG");
  });

  it("turns resource links and embedded resources into resource parts", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: '***CALL_TOOL everything__get-resource-reference {"resourceType": "Text", "resourceId": 1}',
      entries: [everythingEntry()],
    });
    expect(run.failure).toBeUndefined();
    const [result] = ofType(run.events, "tool-result");
    const [part] = result?.parts ?? [];
    expect(part?.type).toBe("resource");
    expect(part?.type === "resource" && part.uri).toMatch(/^demo:\/\//);
  });

  it("asks a person on the calling step when the server elicits, and returns the answer to it", async () => {
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["fixture"] }),
      input: '***CALL_TOOL fixture__ask {"message": "Favourite colour?"}',
      entries: [fixtureEntry()],
      humanAnswers: ["teal"],
    });
    expect(run.failure).toBeUndefined();
    expect(JSON.parse(run.output ?? "")).toEqual({ action: "accept", content: { answer: "teal" } });
    const [request] = ofType(run.events, "input-request");
    const [call] = ofType(run.events, "tool-call");
    expect(request).toMatchObject({
      stepId: call?.stepId,
      prompt: 'The MCP server "fixture" asks: Favourite colour?',
    });
    expect(ofType(run.events, "input-response")[0]).toMatchObject({
      requestId: request?.requestId,
      response: "teal",
    });
  });

  it("asks again when a multi-field answer does not fit, and declines on an empty answer", async () => {
    const accepted = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: "***CALL_TOOL everything__trigger-elicitation-request",
      entries: [everythingEntry()],
      humanAnswers: ["Ada Lovelace", '{"name": "Ada Lovelace", "check": "yes", "integer": 7}'],
    });
    expect(accepted.failure).toBeUndefined();
    const requests = ofType(accepted.events, "input-request");
    expect(requests).toHaveLength(2);
    expect(requests[1]?.description).toMatch(/^Your answer could not be used: it is not a JSON object/);
    expect(accepted.output).toContain("- Name: Ada Lovelace");
    expect(accepted.output).toContain("- Agreed to terms: true");

    const declined = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["everything"] }),
      input: "***CALL_TOOL everything__trigger-elicitation-request",
      entries: [everythingEntry()],
      humanAnswers: [""],
    });
    expect(declined.failure).toBeUndefined();
    expect(declined.output?.toLowerCase()).toContain("decline");
  });

  it("serves a server's sampling request with the calling agent's model, counted in its usage", async () => {
    const run = await runWithTools({
      graph: oneAgent({ servers: ["fixture"] }),
      scripts: {
        helper: [
          { toolCall: { name: "fixture__sample", arguments: { prompt: "What is 2+2?" } } },
          "four",
          "It is four.",
        ],
      },
      input: "ask the server",
      entries: [fixtureEntry()],
    });
    expect(run.failure).toBeUndefined();
    expect(run.output).toBe("It is four.");
    expect(ofType(run.events, "tool-result")[0]).toMatchObject({ content: "four", isError: false });
    const sampling = run.models.calls[1];
    expect(sampling?.transcript).toEqual(["user: What is 2+2?"]);
    expect(sampling?.maxOutputTokens).toBe(200);
    expect(sampling?.tools).toEqual([]);
    expect(ofType(run.events, "step-end")[0]?.usage.modelCalls).toBe(3);
  });

  it("a run limit reached by a sampling request ends the run, not just the tool call", async () => {
    const run = await runWithTools({
      graph: oneAgent({ servers: ["fixture"] }),
      scripts: { helper: [{ toolCall: { name: "fixture__sample", arguments: { prompt: "2+2?" } } }, "four"] },
      input: "ask the server",
      entries: [fixtureEntry()],
      limits: { maxModelCalls: 1 },
    });
    expect(run.failure).toMatchObject({ name: "RunLimitError" });
    expect(ofType(run.events, "tool-result")).toEqual([]);
  });

  it("fails the agent's step with the connection's message when a server cannot start or is unknown", async () => {
    const broken = { ...fixtureEntry("broken"), env: { FIXTURE_FAIL_START: "no licence" } };
    const run = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["broken"] }),
      input: "hello",
      entries: [broken],
    });
    expect(run.failure).toMatchObject({ name: "McpConnectionError", kind: "cannot_start" });
    // The connector's own words: which server, and what it wrote before it exited.
    expect(ofType(run.events, "step-error")[0]?.error).toMatch(/"broken".*no licence/);

    const unknown = await runWithTools({
      graph: oneAgent({ model: "passthrough", servers: ["nowhere"] }),
      input: "hello",
      entries: [],
    });
    expect(ofType(unknown.events, "step-error")[0]?.error).toBe(
      'There is no MCP server named "nowhere" in this workspace.',
    );
  });
});
