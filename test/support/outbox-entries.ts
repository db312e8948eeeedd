import type { OutboxEntry, OutboxStore } from '../../src/sdk/analytics/outbox-store';

/** The pending operations a store holds (its queue section without tombstones and delivered tickets), for assertions. */
export async function queuedEntries(store: OutboxStore): Promise<OutboxEntry[]> {
  const records = await store.records('queue');
  return records.map(([, value]) => value as OutboxEntry).filter((record) => !['gone', 'delivered'].includes(record.kind));
}
