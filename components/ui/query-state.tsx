"use client";

import type { UseInfiniteQueryResult, UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * What a query shows until it has data: "Loading {noun}…" (a status) while it is pending, then
 * "The {noun} could not be loaded." with the error and Try again (an alert) if it failed. Once the
 * data is there, `children` renders it.
 */
export function QueryState<TData, TError extends { message: string }>({
  query,
  noun,
  loadingText = `Loading ${noun}…`,
  className,
  children,
}: {
  query: UseQueryResult<TData, TError> | UseInfiniteQueryResult<TData, TError>;
  /** What is loaded, as in "The {noun} could not be loaded." */
  noun: string;
  /** The status text while pending, when "Loading {noun}…" does not read well. */
  loadingText?: string;
  /** Classes put before "empty-state", e.g. "card" when the messages are not inside one. */
  className?: string;
  children: (data: TData) => ReactNode;
}) {
  const classes = className ? `${className} empty-state` : "empty-state";
  if (query.isPending) {
    return (
      <p className={`${classes} muted`} role="status">
        {loadingText}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className={classes} role="alert">
        <strong>{`The ${noun} could not be loaded.`}</strong>
        <p>{query.error.message}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return children(query.data);
}
