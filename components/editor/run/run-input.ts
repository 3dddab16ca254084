import type { MessagePart, RunInput } from "@/server/engine/messages";
import { MAX_ATTACHED_RESOURCE_BYTES, type McpResourceText } from "@/server/mcp/prompts-and-resources-schema";

/** A resource attached to the next run's input, read from its server when it was attached. */
export type AttachedResource = {
  server: string;
  uri: string;
  name: string;
  contents: readonly McpResourceText[];
  /** UTF-8 size of the contents' texts. */
  bytes: number;
};

export function attachedBytes(attachments: readonly AttachedResource[]): number {
  return attachments.reduce((total, attachment) => total + attachment.bytes, 0);
}

/** Why `next` may not be attached too (the total would pass the limit), or undefined. */
export function attachmentLimitProblem(
  attachments: readonly AttachedResource[],
  next: Pick<AttachedResource, "name" | "bytes">,
): string | undefined {
  const attached = attachedBytes(attachments);
  if (attached + next.bytes <= MAX_ATTACHED_RESOURCE_BYTES) return undefined;
  return `${next.name} (${formatBytes(next.bytes)}) does not fit: a run's attached resources may add up to ${formatBytes(MAX_ATTACHED_RESOURCE_BYTES)}, and ${formatBytes(attached)} are attached already. Remove one first.`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kib = bytes / 1024;
  return `${kib < 10 ? kib.toFixed(1) : Math.round(kib)} KiB`;
}

/**
 * What Run sends: the typed text alone as a string when nothing is attached (as before), else one
 * user message with the text first (when there is any) and a resource part per content read.
 */
export function buildRunInput(text: string, attachments: readonly AttachedResource[]): RunInput {
  if (attachments.length === 0) return text;
  const content: MessagePart[] = text.trim() === "" ? [] : [{ type: "text", text }];
  for (const attachment of attachments) {
    for (const item of attachment.contents) {
      content.push({
        type: "resource",
        uri: item.uri,
        text: item.text,
        ...(item.mediaType !== undefined ? { mediaType: item.mediaType } : {}),
      });
    }
  }
  return [{ role: "user", content }];
}
