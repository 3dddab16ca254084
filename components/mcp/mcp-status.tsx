"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import "./mcp.css";

/** Something is being fetched from a server: an announced line with a spinner. */
export function McpLoading({ children }: { children: ReactNode }) {
  return (
    <p className="mcp-status" role="status">
      <LoaderCircle size={14} className="spin" aria-hidden />
      {children}
    </p>
  );
}

/** A failure in the place where it happened, with a way to try again when there is one. */
export function McpError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="mcp-error">
      <p className="form-error" role="alert">
        <CircleAlert size={14} aria-hidden />
        {message}
      </p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** The registry is empty: say so, and offer the place to fill it. */
export function RegistryEmpty() {
  return (
    <p className="muted mcp-registry-empty">
      No MCP servers are registered in this workspace. <Link href="/settings">Register an MCP server</Link>
    </p>
  );
}
