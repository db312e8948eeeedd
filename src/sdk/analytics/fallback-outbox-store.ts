import { StorageError } from '../http/errors';
import { createMemoryOutboxStore, type OutboxStore } from './outbox-store';

/**
 * Wraps a durable store so that a failing write (quota exceeded, IndexedDB closed by the
 * browser, private mode) lands in memory instead of being lost, and is reported once.
 * Reads merge both, so what went to memory is still sent this session. `durable` turns
 * false once anything lives in memory, so `close()` reports what would be lost.
 */
export function withMemoryFallback(primary: OutboxStore, report: (error: StorageError) => void): OutboxStore {
  const memory = createMemoryOutboxStore();
  const inMemory = new Set<string>();
  let reported = false;

  function fallBack(cause: unknown) {
    if (reported) return;
    reported = true;
    report(
      new StorageError(
        'IndexedDB refused a write: pending logs are now kept in memory and are lost if the page closes before delivery.',
        { cause },
      ),
    );
  }

  return {
    get durable() {
      return primary.durable && inMemory.size === 0;
    },
    async update(key, change) {
      if (inMemory.has(key)) return memory.update(key, change);
      try {
        await primary.update(key, change);
        return;
      } catch (error) {
        fallBack(error);
      }
      // The change applies to what the durable store holds (it may keep, retry-stamp or
      // remove that entry), and the result lives in memory from now on.
      const current = (await primary.entries().catch(() => [])).find((entry) => entry.key === key);
      inMemory.add(key);
      await memory.update(key, () => change(current));
      // A stale durable version must not be re-sent on the next visit after the newer one
      // in memory was delivered; deleting needs no quota, so this usually succeeds.
      await primary.update(key, () => undefined).catch(() => undefined);
    },
    async entries() {
      let durable: Awaited<ReturnType<OutboxStore['entries']>> = [];
      try {
        durable = await primary.entries();
      } catch (error) {
        fallBack(error);
      }
      return [...durable.filter((entry) => !inMemory.has(entry.key)), ...(await memory.entries())];
    },
  };
}
