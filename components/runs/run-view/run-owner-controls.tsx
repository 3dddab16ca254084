"use client";

import { useMutation } from "@tanstack/react-query";
import { Send, Square } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { PendingInput } from "@/components/runs/run-state";

/** Stops the run; the status changes when the run-end event arrives, not optimistically. */
export function CancelRunButton({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={cancel.isPending || cancel.isSuccess}
        onClick={() => cancel.mutate({ id: runId })}
      >
        <Square size={13} aria-hidden />
        {cancel.isPending || cancel.isSuccess ? "Cancelling…" : "Cancel"}
      </button>
      {cancel.error ? (
        <span className="form-error run-inline-error" role="alert">
          Could not cancel: {cancel.error.message}
        </span>
      ) : null}
    </>
  );
}

/** Answers one pending input request; the typed answer stays if sending fails. */
export function InputRequestForm({ runId, request }: { runId: string; request: PendingInput }) {
  const trpc = useTRPC();
  const fieldId = useId();
  const [answer, setAnswer] = useState("");
  const answerInput = useMutation(trpc.runs.answerInput.mutationOptions({ onSuccess: () => setAnswer("") }));

  function submit(event: FormEvent) {
    event.preventDefault();
    answerInput.mutate({ id: runId, requestId: request.requestId, response: answer });
  }

  return (
    <form className="card run-input-request" onSubmit={submit}>
      <label htmlFor={fieldId}>{request.prompt}</label>
      {request.description ? (
        <p className="muted input-description" id={`${fieldId}-description`}>
          {request.description}
        </p>
      ) : null}
      <textarea
        id={fieldId}
        className="input"
        value={answer}
        aria-describedby={request.description ? `${fieldId}-description` : undefined}
        onChange={(event) => setAnswer(event.target.value)}
      />
      {answerInput.error ? (
        <p className="form-error" role="alert">
          Your answer was not sent: {answerInput.error.message}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={answerInput.isPending}>
          <Send size={13} aria-hidden />
          Send answer
        </button>
      </div>
    </form>
  );
}
