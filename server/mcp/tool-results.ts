import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolCallOutcome } from "@/server/engine/context";
import type { MessagePart } from "@/server/engine/messages";

/**
 * An MCP tool result as the engine's tool-call outcome: text, images and resources become
 * message parts; audio, which no model takes as a tool result, becomes a short note; structured
 * content stands in for the text when a tool returns only that.
 */
export function toToolCallOutcome(result: CallToolResult): ToolCallOutcome {
  const content = result.content.flatMap(toMessageParts);
  if (content.length === 0 && result.structuredContent !== undefined) {
    content.push({ type: "text", text: JSON.stringify(result.structuredContent) });
  }
  return { content, isError: result.isError === true };
}

function toMessageParts(block: CallToolResult["content"][number]): MessagePart[] {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: block.text }];
    case "image":
      return [{ type: "image", data: block.data, mediaType: block.mimeType }];
    case "audio":
      return [{ type: "text", text: `[audio, ${block.mimeType}, ${describeSize(block.data)}]` }];
    case "resource_link":
      return [{ type: "resource", uri: block.uri, ...(block.mimeType ? { mediaType: block.mimeType } : {}) }];
    case "resource": {
      const { resource } = block;
      const mediaType = resource.mimeType ? { mediaType: resource.mimeType } : {};
      if ("text" in resource && typeof resource.text === "string") {
        return [{ type: "resource", uri: resource.uri, text: resource.text, ...mediaType }];
      }
      // A binary image is still an image; other binaries are known by their address only.
      if ("blob" in resource && resource.mimeType?.startsWith("image/") === true) {
        return [{ type: "image", data: resource.blob, mediaType: resource.mimeType }];
      }
      return [{ type: "resource", uri: resource.uri, ...mediaType }];
    }
    default:
      return [];
  }
}

/** The decoded size of base64 data, in words. */
export function describeSize(base64: string): string {
  const bytes = base64ByteLength(base64);
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KiB`;
}

export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}
