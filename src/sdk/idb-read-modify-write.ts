import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Once `reads` (requests made in `store`'s readwrite transaction) have succeeded, runs `write`
 * from the last one's own callback (not after an await), so the transaction is still active in
 * every engine, old Safari included; resolves with its result once the transaction commits.
 * Every failure path rejects (a failed read, a throwing `write`, which aborts the transaction),
 * so a closed or aborted database never leaves the caller (and a tab lock it holds) waiting.
 */
export function writeAfterReads<R>(store: IDBObjectStore, reads: readonly IDBRequest[], write: () => R): Promise<R> {
  const { transaction } = store;
  return new Promise<R>((resolve, reject) => {
    for (const read of reads) read.onerror = () => reject(read.error);
    // Requests complete in the order they were made: the last one's callback sees them all.
    reads.at(-1)!.onsuccess = () => {
      try {
        const result = write();
        promisifyRequest(transaction).then(() => resolve(result), reject);
      } catch (error) {
        transaction.abort();
        reject(error);
      }
    };
  });
}

/**
 * Reads `key` (and `alsoRead`, when given) and writes what `decide` returns at `key`
 * (`undefined` deletes) in one transaction (see {@link writeAfterReads}). Shared by the chat
 * store and the analytics outbox, whose writes may race with another tab's.
 */
export function readModifyWrite<T, R = void>(
  useStore: UseStore,
  key: string,
  decide: (current: T | undefined, also: unknown) => { write: T | undefined; result: R },
  alsoRead?: string,
): Promise<R> {
  return useStore('readwrite', (store) => {
    const request = store.get(key);
    const also = alsoRead === undefined ? undefined : store.get(alsoRead);
    return writeAfterReads(store, also ? [request, also] : [request], () => {
      const { write, result } = decide(request.result as T | undefined, also?.result);
      if (write === undefined) store.delete(key);
      else store.put(write, key);
      return result;
    });
  });
}
