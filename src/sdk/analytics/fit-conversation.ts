import { isHighSurrogate, isLowSurrogate, utf8Length } from '../utf8';
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

  const slots = textSlots(conversation).map((slot) => ({ ...slot, ...priceText(slot.text) }));
  // Everything but the texts, measured once; each text then adds its own escaped bytes.
  const skeletonBytes = utf8Length(JSON.stringify(withTexts(conversation, slots, () => '')));
  const estimate = (cap: number) =>
    slots.reduce((total, slot) => {
      const length = slot.text.length;
      if (length <= cap) return total + (slot.bytes[length] ?? 0);
      const end = cutPoint(slot.text, cap);
      const cutPoints = (slot.points[length] ?? 0) - (slot.points[end] ?? 0);
      return total + (slot.bytes[end] ?? 0) + utf8Length(JSON.stringify(truncationMarker(cutPoints))) - 2;
    }, skeletonBytes);

  if (estimate(0) > limit) return { fits: false, originalBytes };
  let low = 0;
  let high = Math.max(0, ...slots.map((slot) => slot.text.length));
  while (low < high) {
    const cap = Math.ceil((low + high) / 2);
    if (estimate(cap) <= limit) low = cap;
    else high = cap - 1;
  }
  // Serialised once and measured for real; the estimate is exact, this only guards it.
  for (let cap = low; ; cap = Math.floor(cap * 0.9)) {
    const candidate = withTexts(conversation, slots, (slot) => cutText(slot, cap));
    const candidateJson = JSON.stringify(candidate);
    const bytes = utf8Length(candidateJson);
    if (bytes <= limit || cap === 0) return { fits: true, conversation: candidate, json: candidateJson, bytes, originalBytes, truncated: true };
  }
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

/** A text's prices: JSON-escaped UTF-8 bytes and code points of every prefix (`bytes[i]` for the first i units). */
function priceText(text: string): { bytes: Uint32Array; points: Uint32Array } {
  const bytes = new Uint32Array(text.length + 1);
  const points = new Uint32Array(text.length + 1);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    let cost = 3;
    let point = 1;
    if (unit === 0x22 || unit === 0x5c) cost = 2; // \" and \\
    else if (unit < 0x20) cost = unit === 8 || unit === 9 || unit === 10 || unit === 12 || unit === 13 ? 2 : 6; // \n … or \u00XX
    else if (unit < 0x80) cost = 1;
    else if (unit < 0x800) cost = 2;
    else if (isHighSurrogate(unit)) cost = isLowSurrogate(text.charCodeAt(index + 1)) ? 4 : 6; // a pair is 4 bytes; a lone half is escaped
    else if (isLowSurrogate(unit)) {
      const paired = isHighSurrogate(text.charCodeAt(index - 1));
      cost = paired ? 0 : 6;
      point = paired ? 0 : 1;
    }
    bytes[index + 1] = (bytes[index] ?? 0) + cost;
    points[index + 1] = (points[index] ?? 0) + point;
  }
  return { bytes, points };
}

function withTexts<S extends TextSlot>(conversation: CreateConversation, slots: readonly S[], textOf: (slot: S) => string): CreateConversation {
  const messages = conversation.messages.map((message) => ({ ...message })) as CreateConversation['messages'];
  for (const slot of slots) {
    const text = textOf(slot);
    if (text === slot.text) continue;
    const message = messages[slot.message];
    if (!message) continue;
    if (slot.item === undefined) message.content = text;
    else if (Array.isArray(message.content)) {
      message.content = message.content.map((part, item) => (item === slot.item ? { ...part, text } : part));
    }
  }
  return { ...conversation, messages, properties: { ...conversation.properties, truncated: true } } as CreateConversation;
}

/** Where a cut to `cap` units ends: never between the halves of a surrogate pair (half an emoji is U+FFFD). */
function cutPoint(text: string, cap: number): number {
  return cap > 0 && isHighSurrogate(text.charCodeAt(cap - 1)) ? cap - 1 : cap;
}

function cutText(slot: TextSlot & { points: Uint32Array }, cap: number): string {
  if (slot.text.length <= cap) return slot.text;
  const end = cutPoint(slot.text, cap);
  return slot.text.slice(0, end) + truncationMarker((slot.points[slot.text.length] ?? 0) - (slot.points[end] ?? 0));
}
