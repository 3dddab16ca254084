"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { McpServerSummary } from "@/server/mcp/server-entry";
import {
  emptyFormValues,
  formValuesFrom,
  serverIssuesToErrors,
  toCreateInput,
  toUpdateInput,
  type FormErrors,
  type FormValues,
  type Transport,
} from "./form-values";
import { SecretRowsEditor } from "./secret-rows-editor";

const TRANSPORTS: { value: Transport; label: string }[] = [
  { value: "stdio", label: "stdio: a command run on this server" },
  { value: "http", label: "Streamable HTTP: a URL" },
  { value: "sse", label: "SSE (legacy HTTP): a URL" },
];

type ServerIssue = { message: string; path?: readonly PropertyKey[] };

/** The issues a tRPC error carries (see the error formatter in server/api/trpc.ts). */
function issuesOf(error: unknown): ServerIssue[] {
  const data = (error as { data?: { issues?: unknown } } | null)?.data;
  return Array.isArray(data?.issues) ? (data.issues as ServerIssue[]) : [];
}

/** Adds a server (no `server`) or edits one; owners only (the section shows it to them only). */
export function McpServerFormDialog({
  open,
  server,
  onClose,
  onSaved,
}: {
  open: boolean;
  server: McpServerSummary | null;
  onClose: () => void;
  onSaved: (saved: McpServerSummary) => void;
}) {
  const trpc = useTRPC();
  const baseId = useId();
  const [values, setValues] = useState<FormValues>(emptyFormValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useMutation(trpc.mcpServers.create.mutationOptions());
  const update = useMutation(trpc.mcpServers.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  useEffect(() => {
    if (!open) return;
    setValues(server ? formValuesFrom(server) : emptyFormValues());
    setErrors({});
    create.reset();
    update.reset();
    // Only when the dialog opens (or opens for another server): reset must not wipe typed input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, server]);

  /** Applies a change and drops the messages about the changed fields (they may be fixed now). */
  const change = (patch: Partial<FormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    const changed = Object.keys(patch);
    setErrors((current) => {
      const stale = Object.keys(current).filter((key) =>
        changed.some((field) => key === field || key.startsWith(`${field}.`)),
      );
      if (stale.length === 0) return current;
      return Object.fromEntries(Object.entries(current).filter(([key]) => !stale.includes(key)));
    });
  };

  const handleServerError = (error: unknown) => {
    const fieldErrors = serverIssuesToErrors(
      issuesOf(error).map((issue) => ({
        message: issue.message,
        path: (issue.path ?? []).filter((part): part is string | number => typeof part !== "symbol"),
      })),
    );
    // Messages about fields go next to them (the summary above points there); others go on top.
    const message = error instanceof Error ? error.message : "The server could not be saved.";
    setErrors(Object.keys(fieldErrors).length > 0 ? fieldErrors : { form: message });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (server) {
      const converted = toUpdateInput(values, server);
      if (!converted.ok) return setErrors(converted.errors);
      setErrors({});
      update.mutate(
        { name: server.name, patch: converted.input },
        { onSuccess: onSaved, onError: handleServerError },
      );
    } else {
      const converted = toCreateInput(values);
      if (!converted.ok) return setErrors(converted.errors);
      setErrors({});
      create.mutate(converted.input, { onSuccess: onSaved, onError: handleServerError });
    }
  }

  const fieldCount = Object.keys(errors).filter((key) => key !== "form").length;
  return (
    <Dialog
      open={open}
      title={server ? `Edit MCP server “${server.name}”` : "Add MCP server"}
      onClose={onClose}
    >
      <form className="mcp-wide-dialog" onSubmit={submit} noValidate aria-busy={pending}>
        {errors.form || fieldCount > 0 ? (
          <p className="form-error" role="alert">
            {errors.form ??
              `Please correct ${fieldCount === 1 ? "the field" : `the ${fieldCount} fields`} marked below.`}
          </p>
        ) : null}
        <TextField
          label="Name"
          value={values.name}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          hint={
            server
              ? "Designs refer to the server by this name; renaming it breaks designs that use the old one."
              : "Designs refer to the server by this name: letters, digits, '-' and '_'."
          }
          error={errors.name}
          onValueChange={(name) => change({ name })}
        />
        <div className="field">
          <label htmlFor={`${baseId}-description`}>Description (optional)</label>
          <textarea
            id={`${baseId}-description`}
            className="input"
            rows={2}
            maxLength={2000}
            value={values.description}
            aria-invalid={Boolean(errors.description)}
            onChange={(event) => change({ description: event.target.value })}
          />
          {errors.description ? (
            <span className="form-error" role="alert">
              {errors.description}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${baseId}-transport`}>Transport</label>
          <select
            id={`${baseId}-transport`}
            className="input"
            value={values.transport}
            onChange={(event) => change({ transport: event.target.value as Transport })}
          >
            {TRANSPORTS.map((transport) => (
              <option key={transport.value} value={transport.value}>
                {transport.label}
              </option>
            ))}
          </select>
        </div>

        {values.transport === "stdio" ? (
          <>
            <TextField
              label="Command"
              value={values.command}
              autoComplete="off"
              spellCheck={false}
              hint="An executable on this server's allowlist (TRELLIS_MCP_STDIO_ALLOW), run without a shell."
              error={errors.command}
              onValueChange={(command) => change({ command })}
            />
            <div className="field">
              <label htmlFor={`${baseId}-args`}>Arguments (one per line)</label>
              <textarea
                id={`${baseId}-args`}
                className="input"
                rows={3}
                spellCheck={false}
                value={values.args}
                aria-invalid={Boolean(errors.args)}
                aria-describedby={errors.args ? `${baseId}-args-error` : undefined}
                onChange={(event) => change({ args: event.target.value })}
              />
              {errors.args ? (
                <span id={`${baseId}-args-error`} className="form-error" role="alert">
                  {errors.args}
                </span>
              ) : null}
            </div>
            <SecretRowsEditor
              kind="env"
              legend="Environment variables"
              itemLabel="Variable"
              hint={
                server
                  ? "Values are stored encrypted and never shown again; leave a stored value empty to keep it."
                  : "Values are stored encrypted and never shown again."
              }
              rows={values.env}
              errors={errors}
              onChange={(env) => change({ env })}
            />
            <TextField
              label="Working folder (optional)"
              value={values.cwd}
              autoComplete="off"
              spellCheck={false}
              hint="A folder inside this server's MCP working folder; empty for the folder itself."
              error={errors.cwd}
              onValueChange={(cwd) => change({ cwd })}
            />
          </>
        ) : (
          <>
            <TextField
              label="URL"
              type="url"
              value={values.url}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://mcp.example.com/mcp"
              error={errors.url}
              onValueChange={(url) => change({ url })}
            />
            <SecretRowsEditor
              kind="headers"
              legend="Request headers"
              itemLabel="Header"
              hint={
                server
                  ? "Sent with every request (for example Authorization). Stored encrypted; leave a stored value empty to keep it."
                  : "Sent with every request (for example Authorization). Stored encrypted and never shown again."
              }
              rows={values.headers}
              errors={errors}
              onChange={(headers) => change({ headers })}
            />
          </>
        )}

        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? "Saving…" : server ? "Save changes" : "Add server"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
