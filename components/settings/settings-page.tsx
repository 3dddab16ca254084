import { SETTINGS_SECTIONS } from "@/components/settings/settings-sections";
import type { Role } from "@/server/auth/roles";
import "./settings.css";

/** /settings: an index of the sections, then each section in order. */
export function SettingsPage({ role }: { role: Role }) {
  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="settings-layout">
        <nav className="settings-index" aria-label="Settings sections">
          <ul>
            {SETTINGS_SECTIONS.map(({ id, title }) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          {SETTINGS_SECTIONS.map(({ id, title, Content }) => (
            <Content key={id} id={id} title={title} role={role} />
          ))}
        </div>
      </div>
    </>
  );
}
