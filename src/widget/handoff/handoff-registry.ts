import type { Chat } from '../../sdk/chat/create-chat';
import type { HandoffController } from './handoff-controller';

const controllers = new WeakMap<Chat, HandoffController>();

/**
 * The handoff of a chat controller, for the components: kept beside the controller rather
 * than in the widget context, so the handoff plugs into the element without changing how it
 * is loaded and provided.
 */
export const handoffOf = (chat: Chat | undefined): HandoffController | undefined => chat && controllers.get(chat);

/** Links `handoff` to `chat` (the runtime does, when handoff is set up). */
export function registerHandoff(chat: Chat, handoff: HandoffController): void {
  controllers.set(chat, handoff);
}
