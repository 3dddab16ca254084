import { Workflow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeSwitch } from "@/components/layout/theme-switch";

export function TopBar({ email, children }: { email: string; children?: ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        <Workflow size={18} aria-hidden />
        Trellis
      </Link>
      <nav aria-label="Main">
        <Link href="/">Designs</Link>
      </nav>
      {children}
      <span className="spacer" />
      <span className="muted" title="Signed in as">
        {email}
      </span>
      <ThemeSwitch />
      <SignOutButton />
    </header>
  );
}
