"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Pencil, Plus, Search, Trash2, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DesignNameDialog } from "@/components/designs/design-name-dialog";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useConfirmTarget } from "@/components/ui/use-confirm-target";

type SortKey = "name" | "updatedAt";
type DesignRow = {
  id: string;
  name: string;
  version: number;
  nodeCount: number;
  updatedAt: Date;
  description: string;
};

export function DesignList({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: "updatedAt",
    descending: true,
  });
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<DesignRow | null>(null);

  const designs = useQuery(trpc.designs.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.designs.list.queryKey() });

  const create = useMutation(
    trpc.designs.create.mutationOptions({
      onSuccess: async (design) => {
        await invalidate();
        router.push(`/designs/${design.id}`);
      },
    }),
  );
  const rename = useMutation(trpc.designs.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.designs.delete.mutationOptions({ onSuccess: invalidate }));
  const deleting = useConfirmTarget(remove, (design: DesignRow) => ({ id: design.id }));
  const duplicate = useMutation(trpc.designs.duplicate.mutationOptions({ onSuccess: invalidate }));

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const filtered = (designs.data ?? []).filter((design) => design.name.toLowerCase().includes(needle));
    const direction = sort.descending ? -1 : 1;
    return filtered.sort((a, b) =>
      sort.key === "name"
        ? direction * a.name.localeCompare(b.name)
        : direction * (a.updatedAt.getTime() - b.updatedAt.getTime()),
    );
  }, [designs.data, search, sort]);

  const toggleSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, descending: !current.descending }
        : { key, descending: key === "updatedAt" },
    );
  const sortState = (key: SortKey) =>
    sort.key === key ? (sort.descending ? "descending" : "ascending") : "none";

  return (
    <>
      <div className="page-header">
        <h1>Designs</h1>
        <span className="spacer" />
        <label htmlFor="design-search" className="visually-hidden">
          Search designs
        </label>
        <div style={{ position: "relative" }}>
          <Search
            size={14}
            aria-hidden
            style={{ position: "absolute", left: 9, top: 10, color: "var(--muted)" }}
          />
          <input
            id="design-search"
            className="input"
            style={{ paddingLeft: 28, width: 220 }}
            placeholder="Search designs"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            <Plus size={15} aria-hidden />
            New design
          </button>
        ) : null}
      </div>

      <div className="card">
        <QueryState query={designs} noun="designs">
          {(data) =>
            data.length === 0 ? (
              <div className="empty-state">
                <Workflow size={28} aria-hidden />
                <h2>No designs yet</h2>
                <p>A design is an agent system: agents, tools and workflows drawn on a canvas.</p>
                {canEdit ? (
                  <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                    <Plus size={15} aria-hidden />
                    Create your first design
                  </button>
                ) : null}
              </div>
            ) : rows.length === 0 ? (
              <p className="empty-state muted">No design matches “{search}”.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th aria-sort={sortState("name")}>
                      <button type="button" onClick={() => toggleSort("name")}>
                        Name
                      </button>
                    </th>
                    <th>Nodes</th>
                    <th>Version</th>
                    <th aria-sort={sortState("updatedAt")}>
                      <button type="button" onClick={() => toggleSort("updatedAt")}>
                        Updated
                      </button>
                    </th>
                    <th className="actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((design) => (
                    <tr key={design.id}>
                      <td className="name-cell">
                        <Link href={`/designs/${design.id}`}>{design.name}</Link>
                        {design.description ? <div className="muted">{design.description}</div> : null}
                      </td>
                      <td>{design.nodeCount}</td>
                      <td>v{design.version}</td>
                      <td>
                        <RelativeTime date={design.updatedAt} />
                      </td>
                      <td className="actions">
                        {canEdit ? (
                          <>
                            <button
                              type="button"
                              className="icon-button"
                              aria-label={`Rename ${design.name}`}
                              title="Rename"
                              onClick={() => setRenaming(design)}
                            >
                              <Pencil size={15} aria-hidden />
                            </button>
                            <button
                              type="button"
                              className="icon-button"
                              aria-label={`Duplicate ${design.name}`}
                              title="Duplicate"
                              disabled={duplicate.isPending}
                              onClick={() => duplicate.mutate({ id: design.id })}
                            >
                              <Copy size={15} aria-hidden />
                            </button>
                            <button
                              type="button"
                              className="icon-button"
                              aria-label={`Delete ${design.name}`}
                              title="Delete"
                              onClick={() => deleting.ask(design)}
                            >
                              <Trash2 size={15} aria-hidden />
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </div>

      <DesignNameDialog
        open={creating}
        title="New design"
        submitLabel="Create design"
        initialName=""
        pending={create.isPending}
        error={create.error?.message}
        onClose={() => {
          setCreating(false);
          create.reset();
        }}
        onSubmit={(name) => create.mutate({ name })}
      />
      <DesignNameDialog
        open={renaming !== null}
        title="Rename design"
        submitLabel="Rename"
        initialName={renaming?.name ?? ""}
        pending={rename.isPending}
        error={rename.error?.message}
        onClose={() => {
          setRenaming(null);
          rename.reset();
        }}
        onSubmit={(name) => {
          if (!renaming) return;
          rename.mutate(
            { id: renaming.id, patch: { name, expectedVersion: renaming.version } },
            { onSuccess: () => setRenaming(null) },
          );
        }}
      />
      <ConfirmDeleteDialog {...deleting.dialog} title="Delete design?" confirmLabel="Delete design">
        <p>“{deleting.target?.name}” and all its versions will be deleted. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
