import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/sdk/chat/chat-types';
import { offerUnder } from '../../../src/widget/handoff/offer-person';

const answer = (content: string): ChatMessage => ({ id: 'a', conversationId: 'c', index: 1, role: 'assistant', content, status: 'done', createdAt: 0, updatedAt: 0 });

// `when-unsure`: "Talk to a person" under an answer that says it cannot help, in the widget's languages.
describe('offerUnder, when-unsure', () => {
  it.each([
    ['en', 'I could not find that in the docs.', true],
    ['en', "I'm not sure which plan includes SSO.", true],
    ['en', "I don't know.", true],
    ['en', 'You can find it under Settings.', false],
    ['de', 'Das konnte ich in der Dokumentation nicht finden.', true],
    ['de', 'Ich weiß es nicht.', true],
    ['de', 'Da bin ich mir nicht sicher.', true],
    ['de', 'Dazu habe ich keine Informationen.', true],
    ['de', 'Sie finden es unter Einstellungen.', false],
    ['ar', 'لم أجد ذلك في الوثائق.', true],
    ['ar', 'لا أعرف.', true],
    ['ar', 'لست متأكدًا من ذلك.', true],
    ['ar', 'تجدها في الإعدادات.', false],
  ])('%s: "%s" → %s', (_lang, content, offered) => {
    expect(offerUnder(['when-unsure'], [answer(content)])).toBe(offered);
  });
});
