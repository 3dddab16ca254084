import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { TRPCProvider } from "@/components/providers/trpc";
import type { AppRouter } from "@/server/api/root";

export type TrpcCall = { path: string; input: unknown };

/**
 * Renders `element` under a tRPC client whose link answers from `answers` (procedure path → data)
 * instead of a server, and returns the calls it receives, in order. A path missing from the table
 * fails with "unexpected call {path}"; queries do not retry.
 */
export function renderWithTrpc(element: ReactElement, answers: Record<string, unknown>): TrpcCall[] {
  const calls: TrpcCall[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        if (op.path in answers) {
          observer.next({ result: { type: "data", data: answers[op.path] } });
          observer.complete();
        } else {
          observer.error(TRPCClientError.from(new Error(`unexpected call ${op.path}`)));
        }
      });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [link] });
  render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {element}
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return calls;
}
