// Issue 5, cases 1–7: the built script-tag widget in Chromium against the reference servers,
// as a visitor uses it, checked against what the analytics server ends up holding.
import { describe, expect, it, vi } from 'vitest';
import { ask, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const conversations = () => [...suite.server.servers.analytics.state.conversations.values()];

describe('the script-tag widget', () => {
  it('1. open, ask, a streamed markdown answer; after each turn the analytics server holds the full history with stable ids', async () => {
    const context = await suite.newContext();
    const { page, errors } = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    await ask(page, 'How do I embed confab?');
    await waitForAnswers(page, 1);
    const answer = inWidget(page, 'li.message.assistant .bubble').first();
    expect(await answer.locator(':is(p, h1, h2, h3, ul, ol, pre, table)').count(), 'rendered as markdown elements').toBeGreaterThan(1);
    expect(await answer.innerText()).not.toContain('```');

    await vi.waitFor(() => expect(conversations()[0]?.messages.map((m) => m.role)).toEqual(['user', 'assistant']), { timeout: 10_000 });
    const first = conversations()[0]!;
    expect(first.messages[0]!.content).toBe('How do I embed confab?');

    await ask(page, 'What happens when the analytics API is down?');
    await waitForAnswers(page, 2);
    await vi.waitFor(() => expect(conversations()[0]?.messages).toHaveLength(4), { timeout: 10_000 });
    const second = conversations()[0]!;
    expect(conversations()).toHaveLength(1);
    expect(second.id).toBe(first.id);
    expect(second.messages.slice(0, 2).map((m) => m.id), 'the first turn keeps its message ids').toEqual(first.messages.map((m) => m.id));
    expect(new Set(second.messages.map((m) => m.id)).size).toBe(4);
    expect(errors).toEqual([]);
  });
});
