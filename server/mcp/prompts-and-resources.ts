import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { McpError, type GetPromptResult, type ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { McpConnectionError, type McpConnection, type OpenMcpConnection } from "@/server/mcp/connection";
import {
  MAX_ATTACHED_RESOURCE_BYTES,
  MAX_PROMPT_TEXT_CHARACTERS,
  type McpActionFailure,
  type McpPromptMessageText,
  type McpPromptResult,
  type McpResourceResult,
  type McpResourceText,
} from "@/server/mcp/prompts-and-resources-schema";
import type { McpServerEntry } from "@/server/mcp/server-entry";
import { formatSeconds } from "@/server/mcp/trellis-client";

/**
 * One prompt or one resource of an MCP server, fetched on a connection of its own that is always
 * closed afterwards (as inspect.ts does for "Test connection"). Used by the editor: applying a
 * prompt as an agent's instruction, attaching a resource to a run's input. A failure is an answer
 * (`ok: false`), never a thrown error, except for errors that are not about the server at all.
 */

export type McpActionOptions = {
  signal: AbortSignal;
  /** For connecting and the request together; the connector's own connect timeout still applies. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 60_000;

const TEXT_MEDIA_TYPE =
  /^(text\/|application\/(json|xml|javascript|ecmascript|x-yaml|yaml|toml|x-sh|sql|graphql|csv)\b)|[+](json|xml|yaml)\b/i;

/** Whether a media type is text (so a base64 blob of it can be attached as its decoded text). */
export function isTextMediaType(mediaType: string | undefined): boolean {
  return mediaType !== undefined && TEXT_MEDIA_TYPE.test(mediaType);
}

async function withConnection<Result>(
  open: OpenMcpConnection,
  entry: McpServerEntry,
  options: McpActionOptions,
  what: string,
  request: (connection: McpConnection, requestOptions: RequestOptions) => Promise<Result>,
): Promise<Result | { ok: false; error: McpActionFailure }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timedOut = new McpConnectionError(
    "timeout",
    `"${entry.name}" did not answer ${what} within ${formatSeconds(timeoutMs)}.`,
  );
  const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
  const onAbort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener("abort", onAbort, { once: true });

  let connection: McpConnection | undefined;
  try {
    connection = await open(entry, { signal: controller.signal });
    return await request(connection, { signal: controller.signal, timeout: timeoutMs });
  } catch (error) {
    if (controller.signal.reason === timedOut) return failure("timeout", timedOut.message);
    if (options.signal.aborted) return failure("closed", `Asking "${entry.name}" for ${what} was cancelled.`);
    if (error instanceof McpConnectionError) return failure(error.kind, error.message);
    // The server answered, with an error of its own (unknown prompt, missing argument, bad URI).
    if (error instanceof McpError) {
      return failure("refused", `"${entry.name}" refused ${what}: ${error.message}`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
    await connection?.close();
  }
}

function failure(kind: McpActionFailure["kind"], message: string): { ok: false; error: McpActionFailure } {
  return { ok: false, error: { kind, message } };
}

/**
 * `prompts/get`: the prompt's messages reduced to text. Text parts are kept as they are, embedded
 * text resources contribute their text, and parts without text (images, audio, binary resources,
 * resource links) are left out and named in `omitted`. Messages are joined by a blank line.
 */
export async function getMcpPrompt(
  open: OpenMcpConnection,
  entry: McpServerEntry,
  request: { prompt: string; arguments: Record<string, string> },
  options: McpActionOptions,
): Promise<McpPromptResult> {
  const what = `the prompt "${request.prompt}"`;
  return withConnection(open, entry, options, what, async ({ client }, requestOptions) => {
    const result = await client.getPrompt(
      { name: request.prompt, arguments: request.arguments },
      requestOptions,
    );
    return promptAsText(request.prompt, result);
  });
}

/** A fetched prompt as text (exported for tests of the parts no test server sends). */
export function promptAsText(prompt: string, result: GetPromptResult): McpPromptResult {
  const omitted: string[] = [];
  const messages: McpPromptMessageText[] = result.messages.map((message, index) => {
    const content = message.content;
    const where = `message ${index + 1}`;
    let text = "";
    if (content.type === "text") text = content.text;
    else if (content.type === "resource" && "text" in content.resource) text = content.resource.text;
    else if (content.type === "resource")
      omitted.push(`a binary resource (${content.resource.uri}) in ${where}`);
    else if (content.type === "resource_link") omitted.push(`a link to ${content.uri} in ${where}`);
    else omitted.push(`${content.type === "image" ? "an image" : "audio"} in ${where}`);
    return { role: message.role, text };
  });
  const text = messages
    .map((message) => message.text)
    .filter((part) => part !== "")
    .join("\n\n");
  if (text.length > MAX_PROMPT_TEXT_CHARACTERS) {
    return failure(
      "too_large",
      `The prompt "${prompt}" has ${text.length.toLocaleString("en")} characters; an instruction may have at most ${MAX_PROMPT_TEXT_CHARACTERS.toLocaleString("en")}.`,
    );
  }
  return {
    ok: true,
    prompt,
    ...(result.description !== undefined ? { description: result.description } : {}),
    messages,
    text,
    omitted,
  };
}

/**
 * `resources/read`: the resource's contents as text, for a run's input. Text contents are kept;
 * a blob is decoded when its media type is text (and it is valid UTF-8), and refused otherwise:
 * models receive resources as text, and base64 of an image means nothing to them. The total is
 * bounded by MAX_ATTACHED_RESOURCE_BYTES.
 */
export async function readMcpResource(
  open: OpenMcpConnection,
  entry: McpServerEntry,
  uri: string,
  options: McpActionOptions,
): Promise<McpResourceResult> {
  return withConnection(open, entry, options, `the resource ${uri}`, async ({ client }, requestOptions) =>
    resourceAsText(uri, await client.readResource({ uri }, requestOptions)),
  );
}

/** Read contents as text, or why they cannot be attached (exported for tests with plain data). */
export function resourceAsText(uri: string, result: ReadResourceResult): McpResourceResult {
  const contents: McpResourceText[] = [];
  let bytes = 0;
  for (const content of result.contents) {
    const mediaType = content.mimeType;
    let text: string;
    if ("text" in content && typeof content.text === "string") {
      text = content.text;
    } else if ("blob" in content && typeof content.blob === "string") {
      if (!isTextMediaType(mediaType)) {
        return failure(
          "binary",
          `${content.uri} is binary (${mediaType ?? "no media type"}); only text resources can be attached to a run's input.`,
        );
      }
      const decoded = decodeUtf8(content.blob);
      if (decoded === undefined) {
        return failure("binary", `${content.uri} says it is ${mediaType} but is not valid UTF-8 text.`);
      }
      text = decoded;
    } else {
      continue;
    }
    bytes += Buffer.byteLength(text, "utf8");
    if (bytes > MAX_ATTACHED_RESOURCE_BYTES) {
      return failure(
        "too_large",
        `${uri} is larger than ${MAX_ATTACHED_RESOURCE_BYTES / 1024} KiB, the most a run's input can carry as attached resources.`,
      );
    }
    contents.push({ uri: content.uri, text, ...(mediaType !== undefined ? { mediaType } : {}) });
  }
  if (contents.length === 0) return failure("refused", `${uri} has no contents.`);
  return { ok: true, uri, contents, bytes };
}

function decodeUtf8(base64: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(base64, "base64"));
  } catch {
    return undefined;
  }
}
