import { SETTINGS_SECTIONS } from "@/components/settings/settings-sections";
import { atLeast, type Role } from "@/server/auth/roles";
import "./settings.css";

/** /settings: an index of the sections, then each section in order. */
export function SettingsPage({ role }: { role: Role }) {
  const sections = SETTINGS_SECTIONS.filter(
    (section) => section.minimumRole === undefined || atLeast(role, section.minimumRole),
  );
  return (
    <>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="settings-layout">
        <nav className="settings-index" aria-label="Settings sections">
          <ul>
            {sections.map(({ id, title }) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          {sections.map(({ id, title, Content }) => (
            <Content key={id} id={id} title={title} role={role} />
          ))}
        </div>
      </div>
    </>
  );
}
