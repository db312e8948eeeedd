import type { UserProperties } from '../analytics/schemas';
import { randomId } from '../random-id';
import type { ChatStore } from './chat-store';

/** Who the integrator says the user is; `id` is required, any other key is logged too. */
export type ChatUser = { id: string | number } & Record<string, unknown>;

/**
 * Who is chatting, as the analytics API's `userProperties`: the integrator's user
 * (`ID_PROVIDED`), else a visitor id kept in IndexedDB across visits (`COOKIED`), else,
 * where nothing can be kept, an id for this page only (`ANONYMOUS`).
 */
export async function resolveUser(user: ChatUser | undefined, store: ChatStore): Promise<UserProperties> {
  if (user) return { ...user, identificationType: 'ID_PROVIDED' };
  // Only an open database tells whether anything can be kept.
  await store.ready;
  if (store.durable) {
    try {
      // Claimed in one transaction: two widgets or tabs starting together get the same id.
      return { id: await store.claimSetting('visitorId', () => randomId('visitor_')), identificationType: 'COOKIED' };
    } catch {
      // Storage refused: fall through to a per-page identity.
    }
  }
  return { id: randomId('anon_'), identificationType: 'ANONYMOUS' };
}
