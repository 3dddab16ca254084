"use client";

import { Loader2, Send } from "lucide-react";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { sendChatMessageInput } from "@/server/chats/chat-schemas";

/**
 * The message box. The text stays until the server has taken the message, so a refusal (too
 * large, a turn still running, invalid) never costs what was typed. Ctrl/Cmd+Enter sends; Enter
 * alone is a new line, as in any multi-line field.
 */
export function ChatComposer({
  turnRunning,
  pending,
  serverError,
  autoFocus,
  onSend,
  onEdit,
}: {
  turnRunning: boolean;
  pending: boolean;
  serverError: string | null;
  autoFocus: boolean;
  /** Resolves once the message is accepted; rejects when it is refused. */
  onSend: (text: string) => Promise<unknown>;
  /** Called when the text changes, so a stale error can be cleared. */
  onEdit: () => void;
}) {
  const fieldId = useId();
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const [text, setText] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? serverError;
  const blocked = turnRunning || pending;

  const submit = async () => {
    if (blocked) return;
    const checked = sendChatMessageInput.shape.input.safeParse(text);
    if (!checked.success) {
      setLocalError(checked.error.issues[0]?.message ?? "This message cannot be sent.");
      return;
    }
    try {
      await onSend(text);
      setText("");
    } catch {
      // The mutation keeps the error; it is shown below the box.
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="chat-composer" onSubmit={onSubmit}>
      <label htmlFor={fieldId}>Message</label>
      <textarea
        id={fieldId}
        className="input chat-composer-input"
        rows={3}
        value={text}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => {
          setText(event.target.value);
          setLocalError(null);
          onEdit();
        }}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p id={errorId} className="form-error chat-composer-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="chat-composer-actions">
        <span id={hintId} className="muted chat-composer-hint">
          {turnRunning
            ? "The assistant is answering; send your next message when it is done."
            : "Ctrl+Enter or ⌘+Enter sends; Enter adds a new line."}
        </span>
        <button type="submit" className="button button-primary" disabled={blocked}>
          {pending ? <Loader2 size={15} aria-hidden className="spin" /> : <Send size={15} aria-hidden />}
          Send
        </button>
      </div>
    </form>
  );
}
