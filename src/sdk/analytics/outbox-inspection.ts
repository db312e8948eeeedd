import type { Clock } from '../clock';
import { randomId } from '../random-id';
import { byOrder, describe, isDead, type Outbox, type OutboxItem } from './outbox';
import type { OutboxEntry, OutboxStore } from './outbox-store';
import { MAX_BODY_BYTES } from './requests';

/** An outbox with the store and clock it was made with. */
export interface OutboxParts {
  outbox: Outbox;
  store: OutboxStore;
  clock: Clock;
}

/**
 * What `createAnalytics` adds to the outbox: a look at what waits, and putting dead letters
 * back. Apart from createOutbox so that the script-tag widget, which never calls them, does
 * not carry them.
 */
export function inspectOutbox({ outbox, store, clock }: OutboxParts) {
  return {
    async pending(): Promise<number> {
      return (await store.entries()).filter((entry) => !isDead(entry)).length;
    },

    async deadLetters(): Promise<OutboxItem[]> {
      return (await store.entries()).filter(isDead).sort(byOrder).map(describe);
    },

    /**
     * Puts dead letters back in the queue (after fixing a key, say): per key the newest, unless
     * a pending version exists already. Bodies over the size limit stay dead: they would only
     * fail again.
     */
    async retryDeadLetters(): Promise<number> {
      outbox.assertOpen('retryDeadLetters');
      const newest = new Map<string, OutboxEntry>();
      const dead = (await store.entries()).filter((entry) => isDead(entry) && entry.bytes <= MAX_BODY_BYTES);
      for (const entry of dead) {
        const liveKey = entry.deadLetterOf ?? entry.key;
        if ((newest.get(liveKey)?.queuedAt ?? -1) < entry.queuedAt) newest.set(liveKey, entry);
      }
      const now = clock.now();
      for (const [liveKey, entry] of newest) {
        await store.update(liveKey, (current) =>
          current ?? { ...entry, key: liveKey, deadLetterOf: undefined, deadAt: undefined, lastError: undefined, retryAfterUntil: undefined, revision: randomId(), queuedAt: now, notBefore: now, attempts: 0 },
        );
      }
      for (const entry of dead) await store.update(entry.key, () => undefined);
      if (newest.size > 0) outbox.wake(0);
      return newest.size;
    },
  };
}
