import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Reads `key` and writes what `decide` returns (`undefined` deletes) in one transaction,
 * written from the request's own callback (not after an await) so the transaction is still
 * active in every engine, old Safari included. Every failure path rejects, so a closed or
 * aborted database never leaves the caller (and a tab lock it holds) waiting. Shared by the
 * chat store and the analytics outbox, whose writes may race with another tab's.
 */
export function readModifyWrite<T, R = void>(useStore: UseStore, key: string, decide: (current: T | undefined) => { write: T | undefined; result: R }): Promise<R> {
  return useStore('readwrite', (store) => {
    const request = store.get(key);
    const transaction = store.transaction;
    return new Promise<R>((resolve, reject) => {
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        try {
          const { write, result } = decide(request.result as T | undefined);
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
