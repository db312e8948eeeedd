// Issue 5, cases 1–7: the built script-tag widget in each engine against the reference
// servers, as a visitor uses it, checked against what the analytics server ends up holding.
import type { Context, Page } from '../browser/engines/page';
import { describe, expect, it, vi } from 'vitest';
import { ask, askAndWait, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const analytics = () => suite.server.servers.analytics;
const conversations = () => [...analytics().state.conversations.values()];
const feedback = () => [...analytics().state.feedback.values()];
const events = () => [...analytics().state.events.values()];
/** Waits until the analytics server holds `count` messages in conversation `id` (or the only one). */
const waitForLogged = (count: number, id?: string) =>
  vi.waitFor(
    () => {
      const conversation = id ? analytics().state.conversations.get(id) : conversations()[0];
      expect(conversation?.messages).toHaveLength(count);
      return conversation!;
    },
    { timeout: 15_000 },
  );

/** A visitor on the script-tag page (in a fresh browser profile unless `context` is given), with the panel open. */
async function visit(context?: Context) {
  context ??= await suite.newContext();
  const page = await suite.openPage(context, '/script-tag.html');
  await openPanel(page);
  return { context, page };
}

/** Opens the conversation list and the conversation titled `title`. */
async function openFromList(page: Page, title: string): Promise<void> {
  await inWidget(page, '[aria-label=Conversations]').click();
  await inWidget(page, '.open-conversation').filter({ hasText: title }).click();
}

describe('the script-tag widget', () => {
  it('1. open, ask, a streamed markdown answer; after each turn the analytics server holds the full history with stable ids', async () => {
    const { page } = await visit();
    await askAndWait(page, 'How do I embed confab?');
    const answer = inWidget(page, 'li.message.assistant .bubble').first();
    expect(await answer.locator(':is(p, h1, h2, h3, ul, ol, pre, table)').count(), 'rendered as markdown elements').toBeGreaterThan(1);
    expect(await answer.innerText()).not.toContain('```');

    await vi.waitFor(() => expect(conversations()[0]?.messages.map((m) => m.role)).toEqual(['user', 'assistant']), { timeout: 10_000 });
    const first = conversations()[0]!;
    expect(first.messages[0]!.content).toBe('How do I embed confab?');

    await askAndWait(page, 'What happens when the analytics API is down?');
    await vi.waitFor(() => expect(conversations()[0]?.messages).toHaveLength(4), { timeout: 10_000 });
    const second = conversations()[0]!;
    expect(conversations()).toHaveLength(1);
    expect(second.id).toBe(first.id);
    expect(second.messages.slice(0, 2).map((m) => m.id), 'the first turn keeps its message ids').toEqual(first.messages.map((m) => m.id));
    expect(new Set(second.messages.map((m) => m.id)).size).toBe(4);
    expect(await page.errors()).toEqual([]);
  });

  it('2. after a reload the conversation and the list come back from IndexedDB; continuing it logs every message again under the same id', async () => {
    const { context, page: before } = await visit();
    await askAndWait(before, 'How do I embed confab?');
    const first = await waitForLogged(2);

    await before.close();
    const { page } = await visit(context);
    await inWidget(page, '[aria-label=Conversations]').click();
    // The list reads the store as it opens: wait for its row rather than read it at once.
    await expect.poll(() => inWidget(page, '.open-conversation').allInnerTexts()).toEqual([expect.stringContaining('How do I embed confab?')]);
    await inWidget(page, '.open-conversation').first().click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user').allInnerTexts()).toEqual([expect.stringContaining('How do I embed confab?')]);

    await askAndWait(page, 'Which chat backends does confab support?');
    const continued = await waitForLogged(4, first.id);
    expect(conversations()).toHaveLength(1);
    expect(continued.messages.slice(0, 2).map((message) => [message.id, message.content])).toEqual(first.messages.map((message) => [message.id, message.content]));
  });

  it('3. feedback: up, down with reasons, a changed vote and a withdrawn vote leave one right feedback per message', async () => {
    const { page } = await visit();
    await askAndWait(page, 'How do I embed confab?');
    await askAndWait(page, 'Which chat backends does confab support?');
    const firstAnswer = inWidget(page, 'li.message.assistant').nth(0);
    const secondAnswer = inWidget(page, 'li.message.assistant').nth(1);
    const logged = await waitForLogged(4);
    const [firstId, secondId] = logged.messages.filter((message) => message.role === 'assistant').map((message) => message.id);

    // First answer: up, then changed to down with two reasons and a comment.
    await firstAnswer.locator('[part~=feedback-positive]').click();
    await vi.waitFor(() => expect(feedback().find((entry) => entry.messageId === firstId)?.type).toBe('positive'), { timeout: 10_000 });
    await firstAnswer.locator('[part~=feedback-negative]').click();
    await firstAnswer.getByLabel('Inaccurate statement').check();
    await firstAnswer.getByLabel('Irrelevant sources').check();
    await firstAnswer.getByLabel('Tell us more (optional)').fill('The embed snippet is outdated.');
    await firstAnswer.getByRole('button', { name: 'Send feedback' }).click();
    await vi.waitFor(
      () => {
        const votes = feedback().filter((entry) => entry.messageId === firstId);
        expect(votes).toHaveLength(1);
        // The free text is the reason the official model keeps it as (LogFeedbackRequestBody has no `details`).
        expect(votes[0]).toMatchObject({ type: 'negative' });
        expect(votes[0]!.reasons?.map((reason) => reason.label).sort()).toEqual(['details', 'inaccurate_statement', 'irrelevant_citations']);
        expect(votes[0]!.reasons?.find((reason) => reason.label === 'details')?.details).toBe('The embed snippet is outdated.');
      },
      { timeout: 10_000 },
    );

    // Second answer: up, delivered, then withdrawn (a web key cannot delete feedback: an event says so).
    await secondAnswer.locator('[part~=feedback-positive]').click();
    await vi.waitFor(() => expect(feedback().filter((entry) => entry.messageId === secondId)).toHaveLength(1), { timeout: 10_000 });
    await secondAnswer.locator('[part~=feedback-positive]').click();
    await vi.waitFor(() => expect(events().flatMap((event) => (event.type === 'assistant_feedback_withdrawn' && 'messageId' in event ? [event.messageId] : []))).toEqual([secondId]), { timeout: 10_000 });
    expect(await secondAnswer.locator('[part~=feedback-positive]').getAttribute('aria-pressed')).toBe('false');

    // The chosen state survives a reload.
    await page.reload();
    await openPanel(page);
    await openFromList(page, 'How do I embed confab?');
    await waitForAnswers(page, 2);
    expect(await inWidget(page, 'li.message.assistant').nth(0).locator('[part~=feedback-negative]').getAttribute('aria-pressed')).toBe('true');
    expect(await inWidget(page, 'li.message.assistant').nth(1).locator('[part~=feedback-positive]').getAttribute('aria-pressed')).toBe('false');
    expect(feedback().filter((entry) => entry.messageId === firstId)).toHaveLength(1);
    expect(await page.errors()).toEqual([]);
  });

  it('4. a suggestion click sends it; Stop mid-stream keeps the partial answer, marks it stopped and logs it', async () => {
    const { page } = await visit();
    await inWidget(page, '[part~=suggestion]').filter({ hasText: 'How do I embed confab?' }).click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user').allInnerTexts()).toEqual([expect.stringContaining('How do I embed confab?')]);
    await waitForLogged(2);

    suite.server.servers.chat.script({ mode: 'long', tokens: 2_000 });
    suite.server.servers.chat.configure({ tokenDelayMs: 5 });
    await ask(page, 'Tell me everything.');
    const arriving = inWidget(page, 'li.message.assistant').nth(1);
    await vi.waitFor(async () => expect((await arriving.innerText()).split(/\s+/).length).toBeGreaterThan(30), { timeout: 10_000 });
    await inWidget(page, '[part~=stop]').click();
    await arriving.locator('.note', { hasText: 'Stopped' }).waitFor();
    const shown = (await arriving.locator('.bubble').innerText()).replace('Stopped', '').trim();

    const logged = await waitForLogged(4);
    const partial = logged.messages[3]!;
    expect(partial.role).toBe('assistant');
    expect(partial.properties).toMatchObject({ status: 'stopped' });
    const words = String(partial.content).trim().split(/\s+/);
    expect(words.length).toBeGreaterThan(30);
    expect(words.length, 'cut off, not the whole answer').toBeLessThan(2_000);
    expect(shown.split(/\s+/).slice(0, 20)).toEqual(words.slice(0, 20));
    expect(await inWidget(page, '[part~=send]').isVisible(), 'the composer is ready again').toBe(true);
    expect(await page.errors()).toEqual([]);
  });

  it('5. delete: gone locally, DELETE reached the analytics server, still gone after a reload', async () => {
    const { page } = await visit();
    await askAndWait(page, 'How do I embed confab?');
    await inWidget(page, '[part~=new-conversation]').click();
    await askAndWait(page, 'Which chat backends does confab support?');
    await vi.waitFor(() => expect(conversations()).toHaveLength(2), { timeout: 15_000 });
    const doomed = conversations().find((conversation) => conversation.messages[0]?.content === 'How do I embed confab?')!;

    await inWidget(page, '[aria-label=Conversations]').click();
    const row = inWidget(page, 'li.conversation').filter({ hasText: 'How do I embed confab?' });
    await row.locator('[part~=delete]').click();
    await inWidget(page, '.text-button.danger').click();
    await vi.waitFor(() => expect(analytics().state.deleted.map((entry) => entry.id)).toEqual([doomed.id]), { timeout: 15_000 });
    expect(analytics().state.conversations.has(doomed.id)).toBe(false);
    expect(await inWidget(page, '.open-conversation').allInnerTexts()).toEqual([expect.stringContaining('Which chat backends')]);

    await page.reload();
    await openPanel(page);
    await inWidget(page, '[aria-label=Conversations]').click();
    expect(await inWidget(page, '.open-conversation').allInnerTexts()).toEqual([expect.stringContaining('Which chat backends')]);
  });

  it('6. offline during a turn: retry shows, logs wait in the outbox and arrive online; logs pending at close arrive on the next visit', async () => {
    const { context, page } = await visit();
    await askAndWait(page, 'How do I embed confab?');
    const first = await waitForLogged(2);

    // The network goes away mid-answer: the server cuts the stream and drops every new
    // connection. The page is not told (navigator.onLine stays true), so the outbox must
    // find its way back by itself.
    suite.server.servers.chat.configure({ tokenDelayMs: 40 });
    await ask(page, 'What happens when the analytics API is down?');
    const second = inWidget(page, 'li.message.assistant').nth(1);
    await vi.waitFor(async () => expect((await second.locator('.bubble').innerText()).split(/\s+/).length).toBeGreaterThan(5), { timeout: 10_000 });
    suite.server.setOffline(true);
    // A vote while offline is queued in the outbox.
    await inWidget(page, 'li.message.assistant').first().locator('[part~=feedback-positive]').click();
    await second.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 15_000 });
    expect(await inWidget(page, 'li.message.user').allInnerTexts(), 'the question stays').toHaveLength(2);
    await page.waitForTimeout(300);
    expect(feedback(), 'nothing reached the server while offline').toEqual([]);

    suite.server.servers.chat.configure({ tokenDelayMs: 2 });
    suite.server.setOffline(false);
    await vi.waitFor(() => expect(feedback().map((entry) => entry.messageId)).toEqual([first.messages[1]!.id]), { timeout: 15_000 });
    await second.getByRole('button', { name: 'Retry' }).click();
    await waitForAnswers(page, 2);
    await waitForLogged(4, first.id);

    // The analytics API fails while a turn finishes; the page closes with the log pending.
    analytics().faults.failNext(10_000, { status: 503 });
    await askAndWait(page, 'Which chat backends does confab support?');
    await vi.waitFor(() => expect(analytics().stats.snapshot().byStatus['503']).toBeGreaterThan(0), { timeout: 15_000 });
    await page.close();
    analytics().faults.reset();
    expect(analytics().state.conversations.get(first.id)?.messages).toHaveLength(4);

    await suite.openPage(context, '/script-tag.html');
    await waitForLogged(6, first.id);
  });

  it('7. two tabs: a conversation started in one appears in the other, and no log is lost', async () => {
    const { context, page: left } = await visit();
    const { page: right } = await visit(context);
    await inWidget(right, '[aria-label=Conversations]').click();

    await askAndWait(left, 'How do I embed confab?');
    await inWidget(right, '.open-conversation').filter({ hasText: 'How do I embed confab?' }).waitFor({ timeout: 10_000 });

    // Both tabs talk at once, each in its own conversation.
    await inWidget(right, '[part~=new-conversation]').click();
    await Promise.all([ask(left, 'Which chat backends does confab support?'), ask(right, 'What happens when the analytics API is down?')]);
    await Promise.all([waitForAnswers(left, 2), waitForAnswers(right, 1)]);
    await inWidget(left, '[aria-label=Conversations]').click();
    await inWidget(left, '.open-conversation').filter({ hasText: 'What happens when the analytics API is down?' }).waitFor({ timeout: 10_000 });

    await vi.waitFor(
      () => {
        const byFirstQuestion = Object.fromEntries(conversations().map((conversation) => [conversation.messages[0]?.content, conversation.messages.length]));
        expect(byFirstQuestion).toEqual({ 'How do I embed confab?': 4, 'What happens when the analytics API is down?': 2 });
      },
      { timeout: 15_000 },
    );
  });
});
