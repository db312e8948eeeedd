/** Waits for all of `work`, then reports each failure: one that fails neither stops nor hides the others. */
export async function reportRejections(work: ReadonlyArray<Promise<unknown>>, report: (problem: unknown) => void): Promise<void> {
  for (const result of await Promise.allSettled(work)) if (result.status === 'rejected') report(result.reason);
}
