import { utf8Length } from '../utf8';
import type { CreateConversation } from './schemas';

/** The outcome of {@link fitConversation}. */
export type FitResult =
  | { fits: true; conversation: CreateConversation; json: string; bytes: number; originalBytes: number; truncated: boolean }
  | { fits: false; originalBytes: number };

/** Where a message's text lives: its string content, or one text item of its content array. */
interface TextSlot {
  message: number;
  item: number | undefined;
  text: string;
}

/**
 * Makes a conversation's JSON body fit in `limit` UTF-8 bytes without dropping a message.
 * When it is too big, every message text longer than a cap is cut to the cap, keeping its
 * start and appending a visible marker with the number of characters cut; the cap is the
 * largest that fits (binary search), so the longest texts shrink first and short ones stay
 * whole. The result is deterministic and sets `properties.truncated = true`. When even empty
 * texts do not fit (huge links, tool calls or thousands of messages), it reports `fits: false`.
 */
export function fitConversation(conversation: CreateConversation, limit: number): FitResult {
  const json = JSON.stringify(conversation);
  const originalBytes = utf8Length(json);
  if (originalBytes <= limit) return { fits: true, conversation, json, bytes: originalBytes, originalBytes, truncated: false };

  const slots = textSlots(conversation);
  const measure = (cap: number) => {
    const candidate = withCap(conversation, slots, cap);
    const candidateJson = JSON.stringify(candidate);
    return { candidate, candidateJson, bytes: utf8Length(candidateJson) };
  };

  let best = measure(0);
  if (best.bytes > limit) return { fits: false, originalBytes };
  let low = 0;
  let high = Math.max(0, ...slots.map((slot) => slot.text.length));
  while (low < high) {
    const cap = Math.ceil((low + high) / 2);
    const attempt = measure(cap);
    if (attempt.bytes <= limit) {
      low = cap;
      best = attempt;
    } else high = cap - 1;
  }
  return { fits: true, conversation: best.candidate, json: best.candidateJson, bytes: best.bytes, originalBytes, truncated: true };
}

/** The marker appended where text was cut; visible to whoever reads the log. */
export function truncationMarker(cutCharacters: number): string {
  return `\n\n[… ${cutCharacters} characters truncated to fit the 2 MB log limit]`;
}

function textSlots(conversation: CreateConversation): TextSlot[] {
  const slots: TextSlot[] = [];
  conversation.messages.forEach((message, index) => {
    const { content } = message;
    if (typeof content === 'string') slots.push({ message: index, item: undefined, text: content });
    else if (Array.isArray(content)) {
      content.forEach((part, item) => {
        if (typeof part.text === 'string') slots.push({ message: index, item, text: part.text });
      });
    }
  });
  return slots;
}

function withCap(conversation: CreateConversation, slots: readonly TextSlot[], cap: number): CreateConversation {
  const messages = conversation.messages.map((message) => ({ ...message })) as CreateConversation['messages'];
  for (const slot of slots) {
    if (slot.text.length <= cap) continue;
    const text = cutText(slot.text, cap);
    const message = messages[slot.message];
    if (!message) continue;
    if (slot.item === undefined) message.content = text;
    else if (Array.isArray(message.content)) {
      message.content = message.content.map((part, item) => (item === slot.item ? { ...part, text } : part));
    }
  }
  return { ...conversation, messages, properties: { ...conversation.properties, truncated: true } } as CreateConversation;
}

function cutText(text: string, cap: number): string {
  let end = cap;
  // Never split a surrogate pair: half an emoji would be sent as U+FFFD.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end) + truncationMarker(codePoints(text, end));
}

function codePoints(text: string, from: number): number {
  let count = 0;
  for (let index = from; index < text.length; index++) {
    count++;
    if (isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))) index++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
