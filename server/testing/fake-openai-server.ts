import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

/**
 * A real HTTP server speaking enough of OpenAI's Chat Completions API for tests to drive the AI
 * SDK over the network exactly as production does: streaming (SSE) and plain JSON answers, tool
 * calls, structured output, usage, and scripted failures (429 with retry-after, 500).
 *
 * Each test queues the answers it expects; requests take them in order. Every request is
 * recorded (headers and body) so tests can assert on what the SDK sent.
 *
 * No `server-only` import: end-to-end tests may start it from plain Node.
 */

export type FakeToolCall = {
  /** Defaults to `call_<n>`. */
  id?: string;
  name: string;
  /** An object is sent as JSON; a string is sent as is (to script malformed arguments). */
  arguments: Record<string, unknown> | string;
};

export type FakeReply = {
  /** A string is streamed word by word; an array is streamed one element per delta. */
  text?: string | string[];
  /** Sent as the message text, serialised: what a structured-output (json_schema) call answers. */
  json?: unknown;
  toolCalls?: FakeToolCall[];
  /** Defaults to a rough count (four characters a token). */
  usage?: { promptTokens: number; completionTokens: number };
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  /** A pause before each streamed chunk, to test cancellation and timing. */
  chunkDelayMs?: number;
};

export type FakeFailure = {
  status: number;
  /** The error message in the body; a function sees the request (to echo headers back, say). */
  message?: string | ((request: RecordedRequest) => string);
  /** Sent as `retry-after-ms` and, rounded up to whole seconds, `retry-after`. */
  retryAfterMs?: number;
};

const chatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string() })),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional(),
  tools: z
    .array(
      z.looseObject({
        type: z.string(),
        function: z.looseObject({ name: z.string(), parameters: z.unknown().optional() }),
      }),
    )
    .optional(),
  response_format: z
    .looseObject({
      type: z.string(),
      json_schema: z.looseObject({ name: z.string().optional(), schema: z.unknown().optional() }).optional(),
    })
    .optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  max_tokens: z.number().optional(),
  max_completion_tokens: z.number().optional(),
  reasoning_effort: z.string().optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatRequestSchema>;

export type RecordedRequest = {
  method: string;
  path: string;
  /** Lowercase names, as Node delivers them. */
  headers: Record<string, string>;
  /** The parsed body; undefined when it was not a valid chat completion request. */
  body: ChatCompletionRequest | undefined;
};

export type FakeOpenAIServer = {
  /** The base URL to configure (ends in `/v1`, like OpenAI's). */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues answers, one per coming request. */
  reply(...replies: FakeReply[]): void;
  /** Queues a failure for the next `times` requests (default 1). */
  fail(failure: FakeFailure, times?: number): void;
  /** How many queued answers are still unused. */
  pending(): number;
  close(): Promise<void>;
};

type Scripted = { kind: "reply"; reply: FakeReply } | { kind: "failure"; failure: FakeFailure };

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

type Answer = {
  id: string;
  created: number;
  model: string;
  text: string | undefined;
  textChunks: string[];
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string;
  usage: Usage;
};

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function textChunks(reply: FakeReply): string[] {
  if (reply.json !== undefined) return [JSON.stringify(reply.json)];
  if (reply.text === undefined) return [];
  if (Array.isArray(reply.text)) return reply.text;
  return reply.text.match(/\S+\s*|\s+/g) ?? [];
}

function buildAnswer(reply: FakeReply, request: ChatCompletionRequest, sequence: number): Answer {
  const chunks = textChunks(reply);
  const text = chunks.length === 0 ? undefined : chunks.join("");
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${sequence}_${index}`,
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
  }));
  const promptTokens = reply.usage?.promptTokens ?? estimateTokens(JSON.stringify(request.messages));
  const completionTokens =
    reply.usage?.completionTokens ??
    estimateTokens((text ?? "") + toolCalls.map((call) => call.name + call.arguments).join(""));
  return {
    id: `chatcmpl-fake-${sequence}`,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    text,
    textChunks: chunks,
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const type =
    status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
  sendJson(response, status, { error: { message, type, param: null, code: type } }, headers);
}

function sendCompletion(response: ServerResponse, answer: Answer) {
  sendJson(response, 200, {
    id: answer.id,
    object: "chat.completion",
    created: answer.created,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: answer.text ?? null,
          ...(answer.toolCalls.length > 0 && {
            tool_calls: answer.toolCalls.map((call) => ({
              id: call.id,
              type: "function",
              function: { name: call.name, arguments: call.arguments },
            })),
          }),
        },
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  });
}

function splitInTwo(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, middle), text.slice(middle)];
}

/** The SSE chunks of a streamed answer, in OpenAI's order. */
function streamChunks(answer: Answer, includeUsage: boolean): object[] {
  const chunk = (delta: object, finishReason: string | null = null) => ({
    id: answer.id,
    object: "chat.completion.chunk",
    created: answer.created,
    model: answer.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks: object[] = [chunk({ role: "assistant", content: "" })];
  for (const piece of answer.textChunks) chunks.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
      }),
    );
    // Arguments arrive in pieces, as they do from OpenAI, so the SDK must reassemble them.
    for (const piece of splitInTwo(call.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, answer.finishReason));
  if (includeUsage) {
    chunks.push({
      id: answer.id,
      object: "chat.completion.chunk",
      created: answer.created,
      model: answer.model,
      choices: [],
      usage: answer.usage,
    });
  }
  return chunks;
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function sendStream(response: ServerResponse, answer: Answer, includeUsage: boolean, delayMs: number) {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  for (const chunk of streamChunks(answer, includeUsage)) {
    if (delayMs > 0) await pause(delayMs);
    if (response.destroyed) return;
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  response.end("data: [DONE]\n\n");
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function parseBody(text: string): ChatCompletionRequest | undefined {
  try {
    const result = chatRequestSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** What `GET /v1/models` lists. */
export const FAKE_MODELS = ["fake-chat", "fake-mini"] as const;

/** Starts a fake on 127.0.0.1 with a free port. Close it in `afterAll`/`afterEach`. */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  let sequence = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = parseBody(await readBody(request));
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: request.url ?? "/",
      headers: flattenHeaders(request),
      body,
    };
    requests.push(recorded);
    if (recorded.method === "GET" && recorded.path === "/v1/models") {
      // Listing models is what "Test" on the providers page calls; a queued failure answers it.
      const head = queue[0];
      if (head?.kind !== "failure") {
        return sendJson(response, 200, {
          object: "list",
          data: FAKE_MODELS.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })),
        });
      }
      queue.shift();
      const { status, message } = head.failure;
      const text =
        typeof message === "function" ? message(recorded) : (message ?? `Scripted failure ${status}.`);
      return sendError(response, status, text);
    }
    if (recorded.method !== "POST" || recorded.path !== "/v1/chat/completions") {
      return sendError(response, 404, `The fake OpenAI server has no ${recorded.method} ${recorded.path}.`);
    }
    if (body === undefined)
      return sendError(response, 400, "The request body is not a chat completion request.");
    const next = queue.shift();
    // 400, not 5xx: the SDK would retry a 5xx, hiding a test's missing script behind back-off.
    if (next === undefined)
      return sendError(response, 400, "The fake OpenAI server has no scripted answer left.");
    if (next.kind === "failure") {
      const { status, message, retryAfterMs } = next.failure;
      const text =
        typeof message === "function" ? message(recorded) : (message ?? `Scripted failure ${status}.`);
      const headers: Record<string, string> =
        retryAfterMs === undefined
          ? {}
          : { "retry-after-ms": String(retryAfterMs), "retry-after": String(Math.ceil(retryAfterMs / 1000)) };
      return sendError(response, status, text, headers);
    }
    sequence += 1;
    const answer = buildAnswer(next.reply, body, sequence);
    if (body.stream !== true) return sendCompletion(response, answer);
    await sendStream(
      response,
      answer,
      body.stream_options?.include_usage === true,
      next.reply.chunkDelayMs ?? 0,
    );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, `The fake OpenAI server failed: ${String(error)}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => queue.push(...replies.map((reply): Scripted => ({ kind: "reply", reply }))),
    fail: (failure, times = 1) => {
      for (let count = 0; count < times; count++) queue.push({ kind: "failure", failure });
    },
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Streams a test abandoned would otherwise keep the server open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
