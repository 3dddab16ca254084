import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";

function renderDialog(props: Partial<Parameters<typeof ConfirmDeleteDialog>[0]> = {}) {
  const onCancel = vi.fn();
  const onConfirm = vi.fn();
  render(
    <ConfirmDeleteDialog
      open
      title="Delete thing?"
      confirmLabel="Delete thing"
      pending={false}
      error={null}
      onCancel={onCancel}
      onConfirm={onConfirm}
      {...props}
    >
      <p>“thing” will be deleted.</p>
    </ConfirmDeleteDialog>,
  );
  return { onCancel, onConfirm };
}

describe("ConfirmDeleteDialog", () => {
  it("says what goes and confirms or cancels", () => {
    const { onCancel, onConfirm } = renderDialog();
    expect(screen.getByRole("heading", { name: "Delete thing?" })).toBeTruthy();
    expect(screen.getByText("“thing” will be deleted.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Delete thing" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("cannot be confirmed twice while the delete runs, and shows why it failed", () => {
    renderDialog({ pending: true, error: "Only owners can delete." });
    const confirm = screen.getByRole<HTMLButtonElement>("button", { name: "Deleting…" });
    expect(confirm.disabled).toBe(true);
    expect(screen.getByRole("alert").textContent).toBe("Only owners can delete.");
  });
});
