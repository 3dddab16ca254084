"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useSwitchWorkspace } from "@/components/layout/use-switch-workspace";
import { useTRPC } from "@/components/providers/trpc";

/** For someone signed in already: joins with the link, switches to that workspace, goes home. */
export function JoinWorkspace({
  token,
  workspaceName,
  role,
}: {
  token: string;
  workspaceName: string;
  role: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const switchTo = useSwitchWorkspace({ afterSwitch: () => router.replace("/") });
  const accept = useMutation(
    trpc.invites.accept.mutationOptions({
      onSuccess: (joined) => switchTo.mutate({ id: joined.workspaceId }),
    }),
  );
  const error = accept.error?.message ?? switchTo.error?.message;
  const pending = accept.isPending || switchTo.isPending || switchTo.isSuccess;
  return (
    <>
      <p>
        Join <strong>{workspaceName}</strong> as {role}.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-primary"
        disabled={pending}
        onClick={() => accept.mutate({ token })}
      >
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </button>
    </>
  );
}
