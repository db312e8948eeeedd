import type { ChatMessage } from '../../sdk/chat/chat-types';
import type { HandoffOffer } from './handoff-option';

/**
 * An answer that says it cannot help, in the widget's languages: "I could not find that…"
 * (confab-chat/server's own answer when its docs have nothing), "I don't know", "I'm not sure";
 * "konnte … nicht finden", "Ich weiß es nicht", "nicht sicher"; "لم أجد", "لا أعرف", "لست متأكد".
 * Without `\b` outside English: it knows only ASCII letters, and "weiß" ends in one it does not.
 */
const UNSURE = [
  /\b(?:I (?:could not|couldn't|cannot|can't|do not|don't|did not|didn't) (?:find|know|answer|help)|I'm not sure|I am not sure|no information)\b/i,
  /konnte .{0,60}nicht finden|kann .{0,60}nicht finden|weiß (?:es |das )?nicht|nicht sicher|keine Informationen/i,
  /لم أجد|لا أعرف|لست متأكد|لا تتوفر لدي معلومات|ليست لدي معلومات/,
];

/**
 * Whether "Talk to a person" is offered under the conversation now: after the last answer
 * was voted down (`after-thumbs-down`), or when it says it does not know (`when-unsure`).
 */
export function offerUnder(offers: readonly HandoffOffer[], messages: readonly ChatMessage[]): boolean {
  const last = messages.findLast((message) => message.role === 'assistant' && !message.line && !message.agent);
  if (!last || last.status !== 'done' || messages.at(-1) !== last) return false;
  return (offers.includes('after-thumbs-down') && last.feedback?.rating === 'negative') || (offers.includes('when-unsure') && UNSURE.some((unsure) => unsure.test(last.content)));
}
