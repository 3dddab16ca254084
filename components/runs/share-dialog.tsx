"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Share2 } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";

const EXPIRY_CHOICES = [
  { value: "never", label: "Never", hours: undefined },
  { value: "1", label: "1 hour", hours: 1 },
  { value: "24", label: "24 hours", hours: 24 },
  { value: "168", label: "7 days", hours: 168 },
  { value: "720", label: "30 days", hours: 720 },
] as const;
type ExpiryValue = (typeof EXPIRY_CHOICES)[number]["value"];

function isExpiryValue(value: string): value is ExpiryValue {
  return EXPIRY_CHOICES.some((choice) => choice.value === value);
}

/** The link just created, shown once: the server keeps only a hash of its token. */
function CreatedLink({ url }: { url: string }) {
  return (
    <div className="share-created">
      <CopyField
        label="Share link"
        value={url}
        buttonText="Copy link"
        selectedHint="The link is selected: press Ctrl+C (⌘C on a Mac) to copy it."
        selectOnFocus
        rowClassName="share-link-row"
      />
      <p className="muted share-note">
        This link is shown only once: copy it now. Anyone who has it can see this run, read-only, until it
        expires or you revoke it.
      </p>
    </div>
  );
}

function ShareDialogBody({ runId, onClose }: { runId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const expiryId = useId();
  const [expiry, setExpiry] = useState<ExpiryValue>("never");
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [confirmingRevoke, setConfirmingRevoke] = useState(false);
  const [revokedCount, setRevokedCount] = useState<number | null>(null);

  const status = useQuery(trpc.shares.status.queryOptions({ runId }));
  const refreshStatus = () =>
    queryClient.invalidateQueries({ queryKey: trpc.shares.status.queryKey({ runId }) });
  const create = useMutation(
    trpc.shares.create.mutationOptions({
      onSuccess: (result) => {
        setCreatedUrl(result.url);
        setRevokedCount(null);
        void refreshStatus();
      },
    }),
  );
  const revoke = useMutation(
    trpc.shares.revoke.mutationOptions({
      onSuccess: (result) => {
        setConfirmingRevoke(false);
        setCreatedUrl(null);
        setRevokedCount(result.revoked);
        void refreshStatus();
      },
    }),
  );

  const links = status.data?.links ?? [];
  const hours = EXPIRY_CHOICES.find((choice) => choice.value === expiry)?.hours;

  return (
    <div className="share-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(hours === undefined ? { runId } : { runId, expiresInHours: hours });
        }}
      >
        <div className="share-create-row">
          <div className="field">
            <label htmlFor={expiryId}>Expires</label>
            <select
              id={expiryId}
              className="input"
              value={expiry}
              onChange={(event) => {
                if (isExpiryValue(event.target.value)) setExpiry(event.target.value);
              }}
            >
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            <Link2 size={13} aria-hidden />
            {create.isPending ? "Creating…" : "Create link"}
          </button>
        </div>
        {create.error ? (
          <p className="form-error" role="alert">
            The link was not created: {create.error.message}
          </p>
        ) : null}
      </form>

      {createdUrl ? <CreatedLink url={createdUrl} /> : null}

      <h3 className="run-heading">Active links</h3>
      {status.isPending ? (
        <p className="muted">Loading…</p>
      ) : status.error ? (
        <p className="form-error" role="alert">
          Could not load the links: {status.error.message}
        </p>
      ) : links.length === 0 ? (
        <p className="muted">No active links: nobody can open this run from a link.</p>
      ) : (
        <ul className="share-links" aria-label="Active links">
          {links.map((link) => (
            <li key={link.id}>
              Created <RelativeTime date={new Date(link.createdAt)} /> · expires{" "}
              {link.expiresAt ? <RelativeTime date={new Date(link.expiresAt)} /> : "never"}
            </li>
          ))}
        </ul>
      )}
      {revokedCount !== null ? (
        <p className="muted" role="status">
          Revoked {revokedCount} {revokedCount === 1 ? "link" : "links"}.
        </p>
      ) : null}
      {revoke.error ? (
        <p className="form-error" role="alert">
          The links were not revoked: {revoke.error.message}
        </p>
      ) : null}

      {confirmingRevoke ? (
        <div className="share-confirm" role="group" aria-label="Confirm revoking">
          <p>
            Revoke all {links.length} {links.length === 1 ? "link" : "links"}? Anyone opening them will be
            told the link is no longer valid.
          </p>
          <div className="dialog-actions">
            {/* Focus moves here so the keyboard lands on the safe choice when the buttons swap. */}
            <button type="button" className="button" autoFocus onClick={() => setConfirmingRevoke(false)}>
              Keep links
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate({ runId })}
            >
              {revoke.isPending ? "Revoking…" : "Yes, revoke all links"}
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            disabled={links.length === 0}
            onClick={() => setConfirmingRevoke(true)}
          >
            Revoke all links
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}

/** The owner's Share button and dialog: read-only links to this run, created and revoked here. */
export function ShareDialog({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <Share2 size={13} aria-hidden />
        Share
      </button>
      <Dialog open={open} title="Share this run" onClose={() => setOpen(false)}>
        <ShareDialogBody runId={runId} onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
