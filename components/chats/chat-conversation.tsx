"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MessagesSquare } from "lucide-react";
import { useEffect, useRef } from "react";
import { ChatComposer } from "@/components/chats/chat-composer";
import { ChatMessage, PendingUserMessage } from "@/components/chats/chat-message";
import { errorMessage } from "@/components/chats/error-message";
import { StreamingAnswer } from "@/components/chats/streaming-answer";
import { useLiveTurn } from "@/components/chats/use-live-turn";
import { useTRPC } from "@/components/providers/trpc";

/** One chat session: its messages in order, the answer streaming in, and the message box. */
export function ChatConversation({
  chatId,
  designId,
  canSend,
  autoFocus,
  onForget,
}: {
  chatId: string;
  designId: string;
  canSend: boolean;
  autoFocus: boolean;
  /** Leaves a chat that does not exist (deleted, or a mistyped address). */
  onForget: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const chatKey = trpc.chats.get.queryKey({ id: chatId });
  const chat = useQuery(trpc.chats.get.queryOptions({ id: chatId }));
  const { liveRunId, turnRunning, onStreamEnded } = useLiveTurn(chat.data, chat.refetch);

  const send = useMutation(
    trpc.chats.send.mutationOptions({
      // Awaited, so the optimistic message stays until the stored one has arrived.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKey }),
    }),
  );

  // The list shows titles and message counts: refresh it whenever this chat gains messages.
  const messageCount = chat.data?.messages.length;
  const seenCount = useRef(messageCount);
  useEffect(() => {
    const previous = seenCount.current;
    seenCount.current = messageCount;
    if (previous !== undefined && messageCount !== undefined && messageCount > previous) {
      void queryClient.invalidateQueries(trpc.chats.list.queryFilter({ designId }));
    }
  }, [messageCount, queryClient, trpc, designId]);

  if (chat.isPending) {
    return (
      <p className="empty-state muted" role="status">
        Loading the chat…
      </p>
    );
  }
  if (chat.isError) {
    const missing = chat.error.data?.code === "NOT_FOUND";
    return (
      <div className="empty-state" role="alert">
        <strong>{missing ? "This chat does not exist." : "The chat could not be loaded."}</strong>
        <p>
          {missing ? "It may have been deleted. Pick another one or start a new chat." : chat.error.message}
        </p>
        {missing ? (
          <button type="button" className="button" onClick={onForget}>
            Back to the chat list
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void chat.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const messages = chat.data.messages;
  const pendingText = send.isPending ? send.variables.input : null;
  const title = chat.data.title || "New chat";

  return (
    <div className="chat-conversation">
      <h2 className="chat-conversation-title">{title}</h2>
      <div className="chat-scroll">
        <div>
          {messages.length === 0 && pendingText === null ? (
            <div className="chat-empty">
              <MessagesSquare size={26} aria-hidden />
              <p>
                {canSend
                  ? "A new chat starts without history. Write the first message below."
                  : "This chat has no messages yet."}
              </p>
            </div>
          ) : null}
          <ol className="chat-messages" aria-label="Conversation">
            {messages.map((message) => (
              <ChatMessage key={message.id} message={message} />
            ))}
            {pendingText !== null ? <PendingUserMessage text={pendingText} /> : null}
            {liveRunId !== null ? (
              <StreamingAnswer key={liveRunId} runId={liveRunId} onEnded={onStreamEnded} />
            ) : null}
          </ol>
        </div>
      </div>
      {canSend ? (
        <ChatComposer
          turnRunning={turnRunning}
          pending={send.isPending}
          serverError={send.error ? errorMessage(send.error) : null}
          autoFocus={autoFocus}
          onSend={(text) => send.mutateAsync({ id: chatId, input: text })}
          onEdit={() => {
            if (send.error) send.reset();
          }}
        />
      ) : (
        <p className="chat-viewer-note muted">Viewers can read chats but not send messages.</p>
      )}
    </div>
  );
}
