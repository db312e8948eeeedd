import { effect } from '@preact/signals-core';
import type { Clock } from '../../sdk/clock';
import type { Chat } from '../../sdk/chat/create-chat';
import type { HandoffClient } from '../../sdk/handoff/handoff-client';
import { HttpError, toConfabError } from '../../sdk/http/errors';
import { isRetryable, retryDelay } from './retryable';

/** What {@link createHelpdeskEraser} works with. */
export interface HelpdeskEraserOptions {
  chat: Chat;
  client: Pick<HandoffClient, 'remove'>;
  clock: Clock;
  report(problem: unknown): void;
}

/**
 * Erases at the helpdesk the handed-over conversations deleted here, as the chat noted them in
 * the store (in any tab, before a reload, before the handoff's chunk was loaded), one at a
 * time: at its start, and whenever a conversation leaves the list (deleted here or in another
 * tab). Each is settled once erased, or once the helpdesk has none or refuses for
 * good (502, told as `confab-error`). A failure worth a retry is tried again a few times, then
 * at the next start; any other failure is told and kept for the next start.
 */
export function createHelpdeskEraser({ chat, client, clock, report }: HelpdeskEraserOptions) {
  let erasing = false;
  let again = false;
  let timer: unknown;
  let disposed = false;

  async function pass(attempt: number): Promise<void> {
    for (const conversationId of await chat.outside.erasures()) {
      if (disposed) return;
      try {
        await client.remove(conversationId);
      } catch (problem) {
        const error = toConfabError(problem);
        if (error.code !== 'handoff_not_found') {
          if (isRetryable(error)) {
            clock.clearTimeout(timer);
            if (attempt < 5) timer = clock.setTimeout(() => eraseWaiting(attempt + 1), retryDelay(error, attempt));
            return;
          }
          report(error);
          if (!(error instanceof HttpError && error.status === 502)) continue;
        }
      }
      await chat.outside.erased(conversationId);
    }
  }

  function eraseWaiting(attempt = 0): void {
    if (disposed) return;
    if (erasing) return void (again = true);
    erasing = true;
    pass(attempt)
      .catch(report)
      .finally(() => {
        erasing = false;
        // A delete came while this pass ran: its conversation may have been read too late.
        if (!again) return;
        again = false;
        eraseWaiting();
      });
  }

  // A conversation gone from the list was deleted, here or in another tab, whose chat noted its
  // erasure in the store: sent from here too, so an erasure never waits for this page's reload.
  let listed = new Set<string>();
  const unwatch = effect(() => {
    const now = new Set(chat.conversations.value.map((conversation) => conversation.id));
    const gone = [...listed].some((id) => !now.has(id));
    listed = now;
    if (gone) eraseWaiting();
  });

  eraseWaiting();
  return {
    dispose() {
      disposed = true;
      unwatch();
      clock.clearTimeout(timer);
    },
  };
}
