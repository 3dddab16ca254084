import "server-only";
import { z } from "zod";
import { memberProcedure, ownerProcedure, router } from "@/server/api/trpc";
import {
  listProviderCredentials,
  providerCredentialInputSchema,
  setProviderCredential,
} from "@/server/models/credentials";
import { testProviderConnection } from "@/server/models/provider-connection-test";

// Any string: the service answers an unknown provider with a message listing the known ones.
const providerInput = z.object({ provider: z.string().max(64) });

/**
 * The workspace's model provider settings. Every member sees which keys are set (never a key);
 * owners set them, and only owners test them (a test spends the workspace's key).
 */
export const providersRouter = router({
  list: memberProcedure.query(({ ctx }) => listProviderCredentials(ctx.caller)),
  set: ownerProcedure
    .input(providerInput.extend(providerCredentialInputSchema.shape))
    .mutation(({ ctx, input: { provider, ...settings } }) =>
      setProviderCredential(ctx.caller, provider, settings),
    ),
  test: ownerProcedure
    .input(providerInput)
    .mutation(({ ctx, input, signal }) => testProviderConnection(ctx.caller, input.provider, { signal })),
});
