import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Reads `key` (and `alsoRead`, when given) and writes what `decide` returns at `key`
 * (`undefined` deletes) in one transaction, written from the last read's own callback (not
 * after an await) so the transaction is still active in every engine, old Safari included.
 * Every failure path rejects, so a closed or aborted database never leaves the caller (and a
 * tab lock it holds) waiting. Shared by the chat store and the analytics outbox, whose writes
 * may race with another tab's.
 */
export function readModifyWrite<T, R = void>(
  useStore: UseStore,
  key: string,
  decide: (current: T | undefined, also: unknown) => { write: T | undefined; result: R },
  alsoRead?: string,
): Promise<R> {
  return useStore('readwrite', (store) => {
    const transaction = store.transaction;
    const request = store.get(key);
    const also = alsoRead === undefined ? undefined : store.get(alsoRead);
    // Requests complete in the order they were made: the last one's callback sees both.
    const last = also ?? request;
    return new Promise<R>((resolve, reject) => {
      request.onerror = () => reject(request.error);
      if (also) also.onerror = () => reject(also.error);
      last.onsuccess = () => {
        try {
          const { write, result } = decide(request.result as T | undefined, also?.result);
          if (write === undefined) store.delete(key);
          else store.put(write, key);
          promisifyRequest(transaction).then(() => resolve(result), reject);
        } catch (error) {
          transaction.abort();
          reject(error);
        }
      };
    });
  });
}
