import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/components/auth/safe-next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isSignedIn } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string; next?: string | string[] }>;
}) {
  const { reason, next: nextParam } = await searchParams;
  const next = safeNextPath(nextParam);
  if (reason !== "no-workspace" && (await isSignedIn())) redirect(next ?? "/");
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Sign in to Trellis</h1>
        <p className="muted">Design agent systems and run them.</p>
        <SignInForm
          next={next ?? undefined}
          notice={
            reason === "no-workspace"
              ? "Your account does not belong to any workspace yet. Ask an owner to invite you."
              : undefined
          }
        />
      </div>
    </main>
  );
}
