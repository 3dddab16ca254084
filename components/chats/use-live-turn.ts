"use client";

import { useCallback, useEffect, useState } from "react";
import type { ChatView } from "@/server/chats/service";

/**
 * After a run ends, the server stores the assistant's message a moment later. Until it shows up
 * the turn still counts as running (sending now would race the stored history), but only for
 * this long: an answer that never arrives must not block the chat for good.
 */
const SETTLE_LIMIT_MS = 15_000;
const SETTLE_POLL_MS = 500;

type Ended = Record<string, "settling" | "given-up">;

/** The run of the turn whose answer is not a message yet, if any. */
export function unansweredRunId(chat: ChatView | undefined): string | null {
  if (!chat) return null;
  const lastUser = chat.messages.findLast((message) => message.role === "user");
  const answered =
    lastUser?.runId &&
    chat.messages.some((message) => message.role === "assistant" && message.runId === lastUser.runId);
  if (lastUser?.runId && !answered) return lastUser.runId;
  return chat.activeRunId;
}

export function useLiveTurn(
  chat: ChatView | undefined,
  refetch: () => unknown,
): {
  liveRunId: string | null;
  turnRunning: boolean;
  onStreamEnded: (runId: string) => void;
} {
  const [ended, setEnded] = useState<Ended>({});
  const liveRunId = unansweredRunId(chat);
  const state = liveRunId === null ? undefined : ended[liveRunId];
  const settling = state === "settling";

  const onStreamEnded = useCallback(
    (runId: string) =>
      setEnded((current) => (current[runId] ? current : { ...current, [runId]: "settling" })),
    [],
  );

  useEffect(() => {
    if (!settling || liveRunId === null) return;
    const poll = setInterval(refetch, SETTLE_POLL_MS);
    const giveUp = setTimeout(
      () => setEnded((current) => ({ ...current, [liveRunId]: "given-up" })),
      SETTLE_LIMIT_MS,
    );
    return () => {
      clearInterval(poll);
      clearTimeout(giveUp);
    };
  }, [settling, liveRunId, refetch]);

  return { liveRunId, turnRunning: liveRunId !== null && state !== "given-up", onStreamEnded };
}
