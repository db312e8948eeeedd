import type { Chat } from '../../sdk/chat/create-chat';
import type { FeatureChunk } from '../feature-chunk';
import type { HandoffController } from './handoff-controller';
import type * as HandoffModule from './handoff-module';

/** What the handoff chunk exports. */
export type HandoffChunk = typeof HandoffModule;

const controllers = new WeakMap<Chat, HandoffController>();
const chunks = new WeakMap<Chat, FeatureChunk<HandoffChunk>>();

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

/** The handoff chunk of a chat controller's widget: the panel's components render through it. */
export const handoffChunkOf = (chat: Chat | undefined): FeatureChunk<HandoffChunk> | undefined => chat && chunks.get(chat);

/** Links the handoff chunk's load state to `chat` (the runtime does, for every controller). */
export function registerHandoffChunk(chat: Chat, chunk: FeatureChunk<HandoffChunk>): void {
  chunks.set(chat, chunk);
}
