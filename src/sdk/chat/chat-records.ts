import type { ChatMessage, StoredConversation } from './chat-types';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Whether a stored value is a conversation this build can show: checked field by field on
 * every read, so one record written by another version or script (a partial write, `null`)
 * never hides the others (issue 11, storage 5).
 */
export function isStoredConversation(value: unknown): value is StoredConversation {
  return (
    isObject(value) &&
    isString(value['id']) &&
    isString(value['title']) &&
    isNumber(value['createdAt']) &&
    isNumber(value['updatedAt']) &&
    isNumber(value['messageCount']) &&
    (value['status'] === 'idle' || value['status'] === 'streaming' || value['status'] === 'error')
  );
}

const STATUSES: readonly unknown[] = ['pending', 'streaming', 'done', 'error', 'stopped', 'interrupted'];

/** Whether a stored value is a message this build can show (see {@link isStoredConversation}). */
export function isChatMessage(value: unknown): value is ChatMessage {
  return (
    isObject(value) &&
    isString(value['id']) &&
    isString(value['conversationId']) &&
    isNumber(value['index']) &&
    (value['role'] === 'user' || value['role'] === 'assistant') &&
    isString(value['content']) &&
    STATUSES.includes(value['status']) &&
    isNumber(value['createdAt']) &&
    isNumber(value['updatedAt'])
  );
}
