import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { QueryState } from "@/components/ui/query-state";

type Props = { fetchThings: () => Promise<string[]>; loadingText?: string; className?: string };

function Things({ fetchThings, loadingText, className }: Props) {
  const query = useQuery({ queryKey: ["things"], queryFn: fetchThings });
  return (
    <QueryState query={query} noun="things" loadingText={loadingText} className={className}>
      {(things) => <p>{things.join(" and ")}</p>}
    </QueryState>
  );
}

/** Renders a query that fails on its first fetch and answers on the next ones. */
function renderThings(props: Omit<Props, "fetchThings"> = {}) {
  let calls = 0;
  const fetchThings = () => {
    calls += 1;
    return calls === 1 ? Promise.reject(new Error("Network down")) : Promise.resolve(["one", "two"]);
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <Things fetchThings={fetchThings} {...props} />
    </QueryClientProvider>,
  );
}

describe("QueryState", () => {
  it("says it is loading, then why it failed, and renders the data after Try again", async () => {
    renderThings();
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Loading things…");
    expect(status.className).toBe("empty-state muted");

    const alert = await screen.findByRole("alert");
    expect(alert.className).toBe("empty-state");
    expect(screen.getByText("The things could not be loaded.").tagName).toBe("STRONG");
    expect(screen.getByText("Network down")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("one and two")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("takes another loading text and classes to put first", async () => {
    renderThings({ loadingText: "Loading the things…", className: "card" });
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Loading the things…");
    expect(status.className).toBe("card empty-state muted");
    expect((await screen.findByRole("alert")).className).toBe("card empty-state");
  });
});
