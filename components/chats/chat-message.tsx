"use client";

import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { Markdown } from "@/components/markdown/markdown";
import { RunStatusBadge } from "@/components/runs/run-view/run-status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ChatMessageView } from "@/server/chats/service";

/**
 * One message. The assistant's message closes a turn, so it carries the link to the turn's run
 * and, when the run did not succeed, its status: the text is then the error, not an answer.
 */
export function ChatMessage({ message }: { message: ChatMessageView }) {
  const isAssistant = message.role === "assistant";
  const troubled = isAssistant && message.runStatus !== null && message.runStatus !== "succeeded";
  return (
    <li className={`chat-message chat-message-${message.role}`} data-message-id={message.id}>
      <div className="chat-message-meta">
        <span className="chat-author">{isAssistant ? "Assistant" : "You"}</span>
        <RelativeTime date={message.createdAt} />
        {troubled && message.runStatus ? <RunStatusBadge status={message.runStatus} /> : null}
        {isAssistant && message.runId ? (
          <Link className="chat-run-link" href={`/runs/${message.runId}`}>
            View run
            <ExternalLink size={12} aria-hidden />
          </Link>
        ) : null}
      </div>
      <div className={troubled ? "chat-bubble chat-bubble-troubled" : "chat-bubble"}>
        {isAssistant && !troubled ? (
          <Markdown text={message.content} />
        ) : (
          <div className="chat-plain-text">{message.content}</div>
        )}
      </div>
    </li>
  );
}

/** The user's message while the server has not taken it yet (optimistic: it shows at once). */
export function PendingUserMessage({ text }: { text: string }) {
  return (
    <li className="chat-message chat-message-user chat-message-pending">
      <div className="chat-message-meta">
        <span className="chat-author">You</span>
        <span className="muted">Sending…</span>
      </div>
      <div className="chat-bubble">
        <div className="chat-plain-text">{text}</div>
      </div>
    </li>
  );
}
