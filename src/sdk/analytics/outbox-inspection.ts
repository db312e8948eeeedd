import type { Outbox, OutboxItem } from './outbox';
import { describe } from './outbox-item';
import { MAX_BODY_BYTES } from './requests';

/**
 * What `createAnalytics` adds to the outbox: dead letters, and putting them back. Loaded on
 * first use: the script-tag widget never calls them, and an app that does, rarely.
 */
export function inspectOutbox(outbox: Outbox) {
  return {
    async deadLetters(): Promise<OutboxItem[]> {
      return (await (await outbox.engine()).deadLetters.list()).map(describe);
    },

    /**
     * Puts dead letters back in the queue (after fixing a key, say), unless a pending version
     * of the key exists already or its conversation was deleted. Bodies over the size limit
     * stay dead: they would only fail again.
     */
    async retryDeadLetters(): Promise<number> {
      outbox.assertOpen('retryDeadLetters');
      const { deadLetters } = await outbox.engine();
      let queued = 0;
      for (const letter of await deadLetters.list()) {
        if (letter.bytes > MAX_BODY_BYTES) continue;
        const { key, kind, request, bytes, conversationId } = letter;
        // Ticket 0: a version queued since, whatever it is, is newer and stays.
        if (await outbox.enqueue({ key, kind, request, bytes, conversationId, ticket: 0 })) queued++;
        await deadLetters.remove(key);
      }
      if (queued > 0) outbox.wake(0);
      return queued;
    },
  };
}
