import { Workflow } from "lucide-react";
import { ThemeSwitch } from "@/components/layout/theme-switch";

/** The top bar of pages anyone with a link may open: no navigation, no account. */
export function PublicTopBar({ note }: { note: string }) {
  return (
    <header className="topbar">
      <span className="brand">
        <Workflow size={18} aria-hidden />
        Trellis
      </span>
      <span className="muted">{note}</span>
      <span className="spacer" />
      <ThemeSwitch />
    </header>
  );
}
