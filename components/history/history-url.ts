import { RUN_STATUSES, type RunStatus } from "@/server/events/schema";
import { listRunsInput } from "@/server/runs/run-schemas";

/**
 * The run history's filters live in the address (`?status=failed,cancelled&designId=...`) so a
 * filtered list can be bookmarked and shared. Unknown statuses are dropped rather than refused:
 * an old link with a typo still opens a useful page.
 */

export const STATUS_PARAM = "status";
export const DESIGN_PARAM = "designId";

export function parseStatuses(value: string | null): RunStatus[] {
  if (!value) return [];
  const wanted = new Set(value.split(",").map((part) => part.trim()));
  // In the canonical order, so `?status=failed,queued` and `?status=queued,failed` query alike.
  return RUN_STATUSES.filter((status) => wanted.has(status));
}

export function formatStatuses(statuses: readonly RunStatus[]): string {
  return RUN_STATUSES.filter((status) => statuses.includes(status)).join(",");
}

export type DesignFilter =
  { kind: "none" } | { kind: "valid"; id: string } | { kind: "invalid"; raw: string };

export function parseDesignFilter(value: string | null): DesignFilter {
  if (!value) return { kind: "none" };
  return listRunsInput.shape.designId.safeParse(value).success
    ? { kind: "valid", id: value }
    : { kind: "invalid", raw: value };
}

/** The current address with one parameter replaced (or removed when `value` is empty). */
export function withParam(pathname: string, search: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(search);
  if (value) next.set(name, value);
  else next.delete(name);
  const query = next.toString();
  // URLSearchParams escapes the commas between statuses; they are legal in a query and easier to read.
  return query ? `${pathname}?${query.replaceAll("%2C", ",")}` : pathname;
}
