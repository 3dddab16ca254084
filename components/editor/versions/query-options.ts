/** Versions never change once written, so a fetched one is kept for the whole visit. */
export const IMMUTABLE_VERSION = { staleTime: Number.POSITIVE_INFINITY } as const;
