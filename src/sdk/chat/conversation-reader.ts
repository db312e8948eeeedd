import type { Clock } from '../clock';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import type { StreamLiveness } from './stream-liveness';

/** What {@link createConversationReader} needs. */
export interface ReaderOptions {
  store: ChatStore;
  clock: Clock;
  liveness: StreamLiveness;
  /** The answer this controller is writing now: never interrupted. */
  activeMessageId(): string | undefined;
  /** A turn found cut off: log it, so it reaches the server even if nobody continues it. */
  onInterrupted(conversation: StoredConversation, messages: readonly ChatMessage[]): void;
}

/** A conversation as read: its record and messages, or `undefined` when it is gone. */
export interface ReadConversation {
  conversation: StoredConversation;
  messages: ChatMessage[];
}

/**
 * Reads conversations, ordered: a read that finishes after a newer one (a tab following
 * another tab's answer reads on every write) is dropped, so the newest snapshot stays shown.
 * On the way, an answer left streaming by a page that is gone (a reload, a closed tab) is
 * marked `interrupted` — compare-and-set, so an answer another tab just finished is left
 * alone — and the turn is logged.
 */
export function createConversationReader(options: ReaderOptions) {
  const { store, clock, liveness } = options;
  let started = 0;
  let applied = 0;

  /** Marks the cut-off answers of `list` interrupted; resolves with the list as written. */
  async function markInterrupted(conversation: StoredConversation, list: ChatMessage[]): Promise<ReadConversation> {
    let interrupted = false;
    for (const message of list) {
      const writing = message.status === 'streaming' || message.status === 'pending';
      if (!writing || options.activeMessageId() === message.id || (await liveness.isLive(message))) continue;
      const written = await store.updateMessage(conversation.id, message.index, (current) =>
        current?.id === message.id && current.status === message.status && current.updatedAt === message.updatedAt ? { ...current, status: 'interrupted', updatedAt: clock.now() } : current,
      );
      interrupted ||= written?.status === 'interrupted';
      list = list.map((item) => (item.id === message.id && written ? written : item));
    }
    if (!interrupted) return { conversation, messages: list };
    const marked = (await store.updateConversation(conversation.id, (current) => current && (current.status === 'streaming' ? { ...current, status: 'error' } : current))) ?? conversation;
    options.onInterrupted(marked, list);
    return { conversation: marked, messages: list };
  }

  return {
    /**
     * Reads conversation `id`. Resolves with it, or with `undefined` when it is gone or a newer
     * read was already applied (then the caller shows nothing of this one).
     */
    async read(id: string): Promise<ReadConversation | undefined | 'gone'> {
      const ticket = ++started;
      const stored = await store.getConversation(id);
      if (!stored) return 'gone';
      const read = await markInterrupted(stored, await store.listMessages(id));
      if (ticket <= applied) return undefined;
      applied = ticket;
      return read;
    },

    /** This tab changed what it shows: reads started before now are stale and not applied. */
    supersede() {
      applied = started;
    },

    /**
     * At start: conversations left streaming by a page that is gone are repaired and logged,
     * opened or not (the reader may never come back to them).
     */
    async recover(conversations: readonly StoredConversation[]) {
      for (const conversation of conversations) {
        if (conversation.status === 'streaming') await markInterrupted(conversation, await store.listMessages(conversation.id));
      }
    },
  };
}

/** The controller's conversation reader. */
export type ConversationReader = ReturnType<typeof createConversationReader>;
