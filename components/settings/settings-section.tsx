import type { ReactNode } from "react";

/** One section of /settings: a heading others can link to (`/settings#<id>`) and its content. */
export function SettingsSection({
  id,
  title,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Buttons next to the heading (Add ...). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} className="settings-section" aria-labelledby={headingId}>
      <div className="settings-section-header">
        <h2 id={headingId}>{title}</h2>
        <span className="spacer" />
        {actions}
      </div>
      {description ? <p className="muted">{description}</p> : null}
      {children}
    </section>
  );
}
