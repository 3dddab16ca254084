"use client";

import { FileText, Image as ImageIcon } from "lucide-react";
import type { ToolProgress } from "@/components/runs/run-state";
import { formatCount } from "@/components/runs/run-view/format";
import type { ToolResultPart } from "@/server/events/schema";

/**
 * What a tool call shows besides its text: the progress an MCP server reports while it runs,
 * and the images and resources of its result. Images are shown only from data carried in the
 * event (never fetched from an address a tool chose), and only in raster formats.
 */

const SHOWN_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** "3 of 10", "3" without a total; the percentage when the total is known. */
export function describeProgress(progress: ToolProgress): string {
  const done = formatCount(progress.progress);
  return progress.total === undefined || progress.total <= 0
    ? `${done} so far`
    : `${done} of ${formatCount(progress.total)}`;
}

export function ToolProgressBar({ progress, tool }: { progress: ToolProgress; tool: string }) {
  const { total } = progress;
  const bounded = total !== undefined && total > 0;
  return (
    <div className="tool-progress">
      {bounded ? (
        <progress value={Math.min(progress.progress, total)} max={total} aria-label={`Progress of ${tool}`} />
      ) : null}
      <span className="tool-progress-text">
        {describeProgress(progress)}
        {progress.message ? <span className="muted"> · {progress.message}</span> : null}
      </span>
    </div>
  );
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${formatCount(bytes)} bytes` : `${formatCount(Math.round(bytes / 1024))} KiB`;
}

function ImagePart({ part }: { part: Extract<ToolResultPart, { type: "image" }> }) {
  const shown = part.data !== undefined && SHOWN_IMAGE_TYPES.has(part.mimeType) && BASE64.test(part.data);
  return (
    <figure className="tool-part tool-image">
      {shown ? (
        // A data: URL from the event itself: nothing is fetched.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={`data:${part.mimeType};base64,${part.data}`}
          alt={`Image returned by the tool (${part.mimeType})`}
        />
      ) : null}
      <figcaption className="muted">
        <ImageIcon size={12} aria-hidden /> {part.mimeType}, {formatBytes(part.bytes)}
        {shown ? "" : part.data === undefined ? " (too large to show here)" : " (not shown)"}
      </figcaption>
    </figure>
  );
}

export function ToolResultParts({ parts }: { parts: readonly ToolResultPart[] }) {
  if (parts.length === 0) return null;
  return (
    <ul className="tool-parts" aria-label="Images and resources">
      {parts.map((part, index) =>
        part.type === "image" ? (
          <li key={index}>
            <ImagePart part={part} />
          </li>
        ) : (
          <li key={index} className="tool-part tool-resource">
            <FileText size={12} aria-hidden /> <code>{part.uri}</code>
            {part.mimeType ? <span className="muted"> · {part.mimeType}</span> : null}
          </li>
        ),
      )}
    </ul>
  );
}
