import { graphFormatExample } from "@/server/designs/graph-format-example";

/** The example of graph-format.md: a router in front of a cumulative research chain. */
export const researchDeskGraph = graphFormatExample;

/** Ids `id-1`, `id-2`, ... so that tests can name what they expect. */
export function sequentialIds(prefix = "id"): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `${prefix}-${next}`;
  };
}
