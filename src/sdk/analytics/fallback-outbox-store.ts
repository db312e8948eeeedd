import { StorageError } from '../http/errors';
import { createMemoryOutboxStore, type OutboxStore } from './outbox-store';

/**
 * Wraps a durable store so that what it refuses lands in memory instead of being lost, and is
 * reported once:
 * - a database that cannot be opened at all (a sandboxed iframe, storage blocked, an open
 *   that never answers): everything goes to memory from then on;
 * - a failing write (quota exceeded, the browser closed the database): that key lives in
 *   memory from then on.
 * Reads merge both, so what went to memory is still sent this session. `durable` turns false
 * once anything lives in memory, so `close()` reports what would be lost.
 */
export function withMemoryFallback(primary: OutboxStore, report: (error: StorageError) => void): OutboxStore {
  const memory = createMemoryOutboxStore();
  const inMemory = new Set<string>();
  let unavailable = false;
  let reported = false;

  function fallBack(cause: unknown) {
    // An open that failed or timed out (idb-connection.ts) means no durable storage this page.
    if (cause instanceof StorageError) unavailable = true;
    if (reported) return;
    reported = true;
    report(
      new StorageError(
        unavailable
          ? 'IndexedDB cannot be used on this page: pending logs are kept in memory and are lost if the page closes before delivery.'
          : 'IndexedDB refused a write: pending logs are now kept in memory and are lost if the page closes before delivery.',
        { cause },
      ),
    );
  }

  async function durableValue(key: string): Promise<unknown> {
    if (unavailable) return undefined;
    const records = await primary.records(key.startsWith('~') ? (key.startsWith('~dead:') ? 'dead' : 'aside') : 'queue').catch(() => []);
    return records.find(([stored]) => stored === key)?.[1];
  }

  return {
    get durable() {
      return primary.durable && !unavailable && inMemory.size === 0;
    },
    async update(key, change, alsoRead) {
      if (!unavailable && !inMemory.has(key) && !(alsoRead !== undefined && inMemory.has(alsoRead))) {
        try {
          await primary.update(key, change, alsoRead);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      // The change applies to what the durable store holds (it may keep, retry-stamp or
      // remove that entry), and the result lives in memory from now on.
      const current = inMemory.has(key) ? undefined : await durableValue(key);
      const also = alsoRead === undefined || inMemory.has(alsoRead) ? undefined : await durableValue(alsoRead);
      inMemory.add(key);
      await memory.update(key, (inMemoryCurrent, inMemoryAlso) => change(inMemoryCurrent ?? current, inMemoryAlso ?? also), alsoRead);
      // A stale durable version must not be re-sent on the next visit after the newer one in
      // memory was delivered; deleting needs no quota, so this usually succeeds.
      if (!unavailable) await primary.update(key, () => undefined).catch(() => undefined);
    },
    async records(section) {
      let durable: Awaited<ReturnType<OutboxStore['records']>> = [];
      if (!unavailable) {
        try {
          durable = await primary.records(section);
        } catch (error) {
          fallBack(error);
        }
      }
      return [...durable.filter(([key]) => !inMemory.has(key)), ...(await memory.records(section))];
    },
    close: () => primary.close?.(),
  };
}
