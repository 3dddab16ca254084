"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, KeyRound, LoaderCircle, Plug, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { TextField } from "@/components/ui/text-field";
import type { ProviderCredentialView } from "@/server/models/credentials";
import type { ProviderTestResult } from "@/server/models/provider-connection-test";
import { keyStatus, PROVIDER_BASE_URL_PLACEHOLDERS, PROVIDER_LABELS } from "./provider-labels";

type TestState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "answered"; result: ProviderTestResult }
  | { status: "error"; message: string };

/**
 * One provider: its status for everyone; for owners a form (the key field is never pre-filled,
 * and left empty keeps the stored key), Remove key and Test, each answering in place.
 */
export function ProviderCard({
  view,
  canManage,
  onChanged,
}: {
  view: ProviderCredentialView;
  canManage: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const label = PROVIDER_LABELS[view.provider];
  const [apiKey, setApiKey] = useState("");
  const [baseUrl, setBaseUrl] = useState(view.baseUrl ?? "");
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [test, setTest] = useState<TestState>({ status: "idle" });

  const save = useMutation(
    trpc.providers.set.mutationOptions({
      onSuccess: (result) => {
        setApiKey("");
        setBaseUrl(result.baseUrl ?? "");
        setSaved(true);
        onChanged();
      },
    }),
  );
  const remove = useMutation(
    trpc.providers.set.mutationOptions({
      onSuccess: () => {
        setRemoving(false);
        onChanged();
      },
    }),
  );
  const runTest = useMutation(trpc.providers.test.mutationOptions());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const trimmedUrl = baseUrl.trim();
    save.mutate({
      provider: view.provider,
      ...(apiKey.trim() !== "" && { apiKey: apiKey.trim() }),
      ...(trimmedUrl !== (view.baseUrl ?? "") && { baseUrl: trimmedUrl === "" ? null : trimmedUrl }),
    });
  };

  const startTest = () => {
    setTest({ status: "running" });
    runTest.mutate(
      { provider: view.provider },
      {
        onSuccess: (result) => setTest({ status: "answered", result }),
        onError: (error) => setTest({ status: "error", message: error.message }),
      },
    );
  };

  const headingId = `provider-${view.provider}-heading`;
  return (
    <article className="card provider-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{label}</h3>
      <dl className="provider-status">
        <div>
          <dt>Key</dt>
          <dd data-testid={`provider-${view.provider}-key`}>
            <span className={view.hasKey ? "badge badge-ok" : "badge"}>
              <KeyRound size={12} aria-hidden />
              {keyStatus(view)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Base URL</dt>
          <dd>{view.baseUrl ? <code>{view.baseUrl}</code> : <span className="muted">default</span>}</dd>
        </div>
      </dl>

      {canManage ? (
        <>
          <form onSubmit={submit} noValidate aria-busy={save.isPending}>
            <TextField
              label={`${label} API key`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={apiKey}
              onValueChange={(value) => {
                setApiKey(value);
                setSaved(false);
              }}
              hint={
                view.hasKey ? "Leave empty to keep the current key." : "Stored encrypted; never shown again."
              }
            />
            <TextField
              label={`${label} base URL`}
              type="url"
              placeholder={PROVIDER_BASE_URL_PLACEHOLDERS[view.provider]}
              value={baseUrl}
              onValueChange={(value) => {
                setBaseUrl(value);
                setSaved(false);
              }}
              hint="Empty: the default. A base URL of your own needs a key of your own."
            />
            {save.error ? (
              <p className="form-error" role="alert">
                {save.error.message}
              </p>
            ) : null}
            <div className="provider-actions">
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save"}
              </button>
              <button
                type="button"
                className="button"
                onClick={startTest}
                disabled={test.status === "running"}
                aria-label={`Test ${label}`}
              >
                <Plug size={15} aria-hidden />
                Test
              </button>
              {view.hasKey ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setRemoving(true)}
                  aria-label={`Remove ${label} key`}
                >
                  <Trash2 size={15} aria-hidden />
                  Remove key
                </button>
              ) : null}
              <span role="status" className="muted">
                {saved ? "Saved." : ""}
              </span>
            </div>
          </form>
          <TestOutcome state={test} label={label} />
          <ConfirmDeleteDialog
            open={removing}
            title={`Remove the ${label} key?`}
            confirmLabel="Remove key"
            pending={remove.isPending}
            error={remove.error?.message}
            onCancel={() => {
              setRemoving(false);
              remove.reset();
            }}
            onConfirm={() => remove.mutate({ provider: view.provider, apiKey: null })}
          >
            <p>
              Runs of this workspace will use the server&apos;s {label} key, if it has one, or be refused
              until a key is added again.
            </p>
          </ConfirmDeleteDialog>
        </>
      ) : null}
    </article>
  );
}

function TestOutcome({ state, label }: { state: TestState; label: string }) {
  return (
    <div className="provider-test" aria-live="polite">
      {state.status === "running" ? (
        <p role="status">
          <LoaderCircle size={15} className="spin" aria-hidden /> Testing {label}…
        </p>
      ) : state.status === "error" ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : state.status === "answered" && state.result.ok ? (
        <p className="provider-test-ok">
          <CircleCheck size={15} aria-hidden /> {state.result.detail}
        </p>
      ) : state.status === "answered" && !state.result.ok ? (
        <p className="form-error" role="alert">
          <CircleAlert size={15} aria-hidden /> {state.result.error.message}
        </p>
      ) : null}
    </div>
  );
}
