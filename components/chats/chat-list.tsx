"use client";

import { Plus } from "lucide-react";
import type { MouseEvent } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ChatSummary } from "@/server/chats/service";

/** True for a plain click: modified clicks keep the browser's meaning (new tab, new window). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** The design's chat sessions, most recent first, each a link to `?chat=<id>`. */
export function ChatList({
  chats,
  selectedId,
  canCreate,
  creating,
  createError,
  onSelect,
  onCreate,
}: {
  chats: readonly ChatSummary[];
  selectedId: string | null;
  canCreate: boolean;
  creating: boolean;
  createError: string | null;
  onSelect: (chatId: string) => void;
  onCreate: () => void;
}) {
  return (
    <nav className="chat-list" aria-label="Chats">
      <div className="chat-list-header">
        <h2>Chats</h2>
        {canCreate ? (
          <button type="button" className="button" disabled={creating} onClick={onCreate}>
            <Plus size={15} aria-hidden />
            New chat
          </button>
        ) : null}
      </div>
      {createError ? (
        <p className="form-error" role="alert">
          {createError}
        </p>
      ) : null}
      {chats.length === 0 ? (
        <p className="muted chat-list-empty">No chats yet.</p>
      ) : (
        <ul>
          {chats.map((chat) => (
            <li key={chat.id}>
              <a
                href={`?chat=${chat.id}`}
                className="chat-list-item"
                aria-current={chat.id === selectedId ? "page" : undefined}
                onClick={(event) => {
                  if (!isPlainClick(event)) return;
                  event.preventDefault();
                  onSelect(chat.id);
                }}
              >
                <span className="chat-list-title">{chat.title || "New chat"}</span>
                <span className="chat-list-meta">
                  <RelativeTime date={chat.updatedAt} /> · {chat.messageCount}{" "}
                  {chat.messageCount === 1 ? "message" : "messages"}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
