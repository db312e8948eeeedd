import type { ChatStore } from './chat-store';

const KEY = 'helpdeskErasures';

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

/**
 * Notes, before the conversation is deleted here, that a helpdesk holds a copy of it (it was
 * handed over to a person) which must be erased too. Kept in the store, so the erasure is sent
 * whenever the handoff runs next: in another tab, after a reload, or once its chunk is loaded.
 */
export const noteHelpdeskErasure = (store: ChatStore, conversationId: string): Promise<unknown> =>
  store.updateSetting<string[]>(KEY, (current) => [...ids(current).filter((id) => id !== conversationId), conversationId]);

/** The deleted conversations the helpdesk has still to erase, oldest first. */
export const helpdeskErasures = async (store: ChatStore): Promise<string[]> => ids(await store.getSetting(KEY));

/** The helpdesk erased `conversationId` (or never had it): nothing more to send. */
export const settleHelpdeskErasure = (store: ChatStore, conversationId: string): Promise<unknown> =>
  store.updateSetting<string[]>(KEY, (current) => ids(current).filter((id) => id !== conversationId));
