import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CopyField } from "@/components/ui/copy-field";

const SELECTED_HINT = "Selected: press Ctrl+C to copy it.";

function setClipboard(clipboard: Pick<Clipboard, "writeText"> | undefined) {
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
}

const originalClipboard = Object.getOwnPropertyDescriptor(navigator, "clipboard");

describe("CopyField", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    // Later test files in the same environment get the clipboard they would have had.
    if (originalClipboard) Object.defineProperty(navigator, "clipboard", originalClipboard);
    else Reflect.deleteProperty(navigator, "clipboard");
  });

  it("copies the value to the clipboard and says so", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    setClipboard({ writeText });
    render(
      <CopyField
        label="Share link"
        value="https://x.test/s/abc"
        buttonText="Copy link"
        selectedHint={SELECTED_HINT}
        rowClassName="row"
      />,
    );
    expect(screen.getByLabelText<HTMLInputElement>("Share link").value).toBe("https://x.test/s/abc");
    fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    expect(await screen.findByText("Copied")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith("https://x.test/s/abc");
  });

  it("selects the text for a manual copy where the clipboard is refused", async () => {
    setClipboard({ writeText: () => Promise.reject(new Error("not allowed")) });
    render(
      <CopyField
        label="Client configuration"
        value={'{\n  "a": 1\n}'}
        multiline
        buttonLabel="Copy client configuration"
        selectedHint={SELECTED_HINT}
        rowClassName="row"
        valueClassName="mono"
      />,
    );
    const field = screen.getByLabelText<HTMLTextAreaElement>("Client configuration");
    expect(field.tagName).toBe("TEXTAREA");
    // As tall as the value: three lines.
    expect(field.getAttribute("rows")).toBe("3");
    expect(field.className).toBe("input mono");
    const select = vi.spyOn(field, "select");
    fireEvent.click(screen.getByRole("button", { name: "Copy client configuration" }));
    expect(await screen.findByText(SELECTED_HINT)).toBeTruthy();
    expect(select).toHaveBeenCalled();
    expect(document.activeElement).toBe(field);
  });

  it("falls back to selecting when there is no clipboard at all", async () => {
    setClipboard(undefined);
    render(
      <CopyField
        label="Endpoint URL"
        value="https://x.test/api/mcp/1"
        selectedHint={SELECTED_HINT}
        rowClassName="row"
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByText(SELECTED_HINT)).toBeTruthy();
  });
});
