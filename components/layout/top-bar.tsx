import { Workflow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { WorkspaceSwitch } from "@/components/layout/workspace-switch";

/** The sections of the main navigation; `current` marks the one the page belongs to. */
export type MainSection = "designs" | "runs" | "settings";

const SECTIONS: { section: MainSection; href: string; label: string }[] = [
  { section: "designs", href: "/", label: "Designs" },
  { section: "runs", href: "/runs", label: "Runs" },
  { section: "settings", href: "/settings", label: "Settings" },
];

export function TopBar({
  email,
  current,
  children,
}: {
  email: string;
  current?: MainSection;
  children?: ReactNode;
}) {
  return (
    // Wraps onto a second line on narrow screens (from 360 px) instead of widening the page.
    <header className="topbar" style={{ flexWrap: "wrap", height: "auto", minHeight: 48, paddingBlock: 8 }}>
      <Link href="/" className="brand">
        <Workflow size={18} aria-hidden />
        Trellis
      </Link>
      <nav aria-label="Main">
        {SECTIONS.map(({ section, href, label }) => (
          <Link key={section} href={href} aria-current={current === section ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {children}
      <span className="spacer" />
      <WorkspaceSwitch />
      {/* No width of its own (flex-basis 0): a long address is cut short rather than pushing the
          theme switch and sign-out onto a line of their own, which would take height from the page. */}
      <span
        className="muted"
        title={`Signed in as ${email}`}
        style={{
          flex: "1 1 0",
          minWidth: 0,
          textAlign: "right",
          overflow: "hidden",
          textOverflow: "ellipsis",
          whiteSpace: "nowrap",
        }}
      >
        {email}
      </span>
      <ThemeSwitch />
      <SignOutButton />
    </header>
  );
}
