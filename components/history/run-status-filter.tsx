"use client";

import { STATE_LOOK } from "@/components/runs/run-view/run-status-badge";
import { RUN_STATUSES, type RunStatus } from "@/server/events/schema";

/** A labelled group of checkboxes, one per run status; none checked means every status. */
export function RunStatusFilter({
  selected,
  onChange,
}: {
  selected: readonly RunStatus[];
  onChange: (statuses: RunStatus[]) => void;
}) {
  const toggle = (status: RunStatus, checked: boolean) =>
    onChange(checked ? [...selected, status] : selected.filter((candidate) => candidate !== status));
  return (
    <fieldset className="history-status-filter">
      <legend>Status</legend>
      <div className="history-status-options">
        {RUN_STATUSES.map((status) => {
          // The still icon: a spinner in a filter would suggest something is happening.
          const { icon: Icon, word } = STATE_LOOK[status];
          return (
            <label key={status} className="history-status-option">
              <input
                type="checkbox"
                checked={selected.includes(status)}
                onChange={(event) => toggle(status, event.target.checked)}
              />
              <Icon size={12} aria-hidden />
              {word}
            </label>
          );
        })}
      </div>
      {selected.length > 0 ? (
        <button type="button" className="history-link-button" onClick={() => onChange([])}>
          Show all statuses
        </button>
      ) : null}
    </fieldset>
  );
}
