/** Like Promise.all, but waits for every task before failing, so no step outlives its parent. */
export async function settleAll<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const values: T[] = [];
  for (const outcome of await Promise.allSettled(tasks)) {
    if (outcome.status === "rejected") {
      const reason: unknown = outcome.reason;
      throw reason instanceof Error ? reason : new Error(String(reason));
    }
    values.push(outcome.value);
  }
  return values;
}
