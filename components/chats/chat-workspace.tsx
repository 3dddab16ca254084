"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, MessagesSquare, Plus } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ChatConversation } from "@/components/chats/chat-conversation";
import { ChatList } from "@/components/chats/chat-list";
import { errorMessage } from "@/components/chats/error-message";
import { useTRPC } from "@/components/providers/trpc";
import "./chat.css";

const CHAT_PARAM = "chat";

/** Chats with one design: the sessions on the left, the selected one (`?chat=<id>`) on the right. */
export function ChatWorkspace({
  designId,
  designName,
  canSend,
}: {
  designId: string;
  designName: string;
  canSend: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selectedId = searchParams.get(CHAT_PARAM);
  // The chat just started: its message box takes the focus, ready for the first message.
  const [createdId, setCreatedId] = useState<string | null>(null);

  // The native history API updates useSearchParams without a server round trip (Next.js docs).
  const select = (chatId: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (chatId) next.set(CHAT_PARAM, chatId);
    else next.delete(CHAT_PARAM);
    const query = next.toString();
    window.history.pushState(null, "", query ? `${pathname}?${query}` : pathname);
  };

  const chats = useQuery(trpc.chats.list.queryOptions({ designId }));
  const create = useMutation(
    trpc.chats.create.mutationOptions({
      onSuccess: async (chat) => {
        queryClient.setQueryData(trpc.chats.get.queryKey({ id: chat.id }), chat);
        await queryClient.invalidateQueries(trpc.chats.list.queryFilter({ designId }));
        setCreatedId(chat.id);
        select(chat.id);
      },
    }),
  );

  const hasChats = (chats.data?.chats.length ?? 0) > 0;

  return (
    <>
      <div className="page-header chat-page-header">
        <h1>Chat with {designName}</h1>
        <span className="spacer" />
        <Link className="button" href={`/designs/${designId}`}>
          <ArrowLeft size={15} aria-hidden />
          Back to the design
        </Link>
      </div>
      <div className="chat-layout card">
        <div className="chat-sidebar">
          {chats.isPending ? (
            <p className="muted chat-pane-message" role="status">
              Loading chats…
            </p>
          ) : chats.isError ? (
            <div className="chat-pane-message" role="alert">
              <p>The chats could not be loaded: {chats.error.message}</p>
              <button type="button" className="button" onClick={() => void chats.refetch()}>
                Try again
              </button>
            </div>
          ) : (
            <ChatList
              chats={chats.data.chats}
              selectedId={selectedId}
              canCreate={canSend}
              creating={create.isPending}
              createError={create.error ? errorMessage(create.error) : null}
              onSelect={select}
              onCreate={() => create.mutate({ designId })}
            />
          )}
        </div>
        <section className="chat-main" aria-label="Selected chat">
          {selectedId ? (
            <ChatConversation
              key={selectedId}
              chatId={selectedId}
              designId={designId}
              canSend={canSend}
              autoFocus={selectedId === createdId}
              onForget={() => select(null)}
            />
          ) : chats.isPending ? null : (
            <div className="empty-state">
              <MessagesSquare size={28} aria-hidden />
              {hasChats ? (
                <>
                  <h2>Pick a chat</h2>
                  <p>Choose a chat to read it{canSend ? ", or start a new one" : ""}.</p>
                </>
              ) : (
                <>
                  <h2>{canSend ? "No chats yet — start one" : "No chats yet"}</h2>
                  <p>
                    {canSend
                      ? `A chat is a conversation with ${designName}: its agents remember the earlier turns.`
                      : "Nobody has chatted with this design yet."}
                  </p>
                  {canSend ? (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={create.isPending}
                      onClick={() => create.mutate({ designId })}
                    >
                      <Plus size={15} aria-hidden />
                      Start a chat
                    </button>
                  ) : null}
                </>
              )}
              {!canSend ? (
                <p className="chat-viewer-note">Viewers can read chats but not send messages.</p>
              ) : null}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
