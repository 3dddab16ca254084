"use client";

import { useId, type KeyboardEvent, type ReactNode } from "react";

export type RunTab<Id extends string> = { id: Id; label: string; content: () => ReactNode };

/**
 * A tablist (WAI-ARIA tabs pattern): the selected tab is the single tab stop, arrow keys move
 * between tabs, and only the selected panel is rendered (the graph needs its size when shown).
 */
export function RunTabs<Id extends string>({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: RunTab<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  label: string;
}) {
  const baseId = useId();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const offset = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const target =
      event.key === "Home"
        ? tabs[0]
        : event.key === "End"
          ? tabs[tabs.length - 1]
          : offset !== 0
            ? tabs[(index + offset + tabs.length) % tabs.length]
            : undefined;
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    document.getElementById(`${baseId}-tab-${target.id}`)?.focus();
  }

  const current = tabs.find((tab) => tab.id === selected);
  return (
    <div className="run-tabs">
      <div role="tablist" aria-label={label} className="run-tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={tab.id === selected ? `${baseId}-panel-${tab.id}` : undefined}
            tabIndex={tab.id === selected ? 0 : -1}
            className="run-tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel-${current.id}`}
          aria-labelledby={`${baseId}-tab-${current.id}`}
          className="run-tabpanel"
        >
          {current.content()}
        </div>
      ) : null}
    </div>
  );
}
