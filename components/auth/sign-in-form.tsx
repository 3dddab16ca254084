"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/components/auth/auth-client";
import { safeNextPath } from "@/components/auth/safe-next";
import { TextField } from "@/components/ui/text-field";

/** `next`: a same-site path to go to once signed in (checked again here, it came from the URL). */
export function SignInForm({ notice, next }: { notice?: string; next?: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({ email, password });
    if (failure) {
      setPending(false);
      setError(
        failure.status === 429
          ? "Too many attempts. Wait a minute and try again."
          : failure.status === 401
            ? "That email and password do not match an account."
            : (failure.message ?? "Signing in failed. Try again."),
      );
      return;
    }
    router.replace(safeNextPath(next) ?? "/");
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate>
      {notice ? <p className="form-error">{notice}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <TextField
        id="sign-in-email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onValueChange={setEmail}
      />
      <TextField
        id="sign-in-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onValueChange={setPassword}
      />
      <button type="submit" className="button button-primary" disabled={pending || !email || !password}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
