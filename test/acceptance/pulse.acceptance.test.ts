// Issue 5, case 12: the built script-tag widget on the PulseAI backend, checked against what
// the PulseAI reference server (and the analytics server beside it) ends up holding. Issue 14,
// cases 13–14: PulseAI's code is a chunk of its own, loaded only where the backend is PulseAI.
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMETERS } from '../../demo/server/pulse/app-metadata';
import { demoKnowledgeBase } from '../../demo/server/docs-corpus';
import { DIST, PROBE_HEADER } from './support/acceptance-server';
import { confabErrors, notAMissingFile, recordConfabErrors, scriptsLoaded } from './support/chunks';
import { ask, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

// Slow enough that a stop lands mid-answer: about 30 chunks of three words, 1.8 s an answer.
const suite = useAcceptanceSuite({ pulse: { tokenDelayMs: 60 } });
const pulse = () => suite.server.servers.pulse;
const analytics = () => suite.server.servers.analytics.state;
const USER = 'visitor-1';
const API = '/api/pulse/v1';

/** A request the page made to the PulseAI API: method, path and query below the base path, JSON body. */
interface PulseRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Every request the page sent to the PulseAI API, in the order the server received them. */
const pulseRequests = (): PulseRequest[] =>
  suite.server.requests
    .filter((request) => request.path.startsWith(`${API}/`) && request.method !== 'OPTIONS')
    .map(({ method, path, body }) => ({ method, path: path.slice(API.length), body: body ? (JSON.parse(body) as unknown) : undefined }));

/** The PulseAI conversations, all of which must be the visitor's. */
function pulseConversations() {
  const all = [...pulse().state.conversations.values()];
  expect(all.map((conversation) => conversation.user)).toEqual(all.map(() => USER));
  return all;
}

/** PulseAI's chunk of the build. */
const pulseFile = async () => (await readdir(DIST)).find((name) => /^confab-pulse-[\w-]+\.js$/.test(name))!;
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describe('the widget on the PulseAI backend', () => {
  it('12. the full flow as the PulseAI server sees it: welcome and starters, messages, follow-ups, feedback, stop by task_id, rename and delete', async () => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/pulse.html');
    const answers = inWidget(page, 'li.message.assistant');
    await openPanel(page);

    // The greeting and the starter questions come from GET /parameters.
    await expect.poll(() => inWidget(page, '.welcome').innerText()).toBe(DEFAULT_PARAMETERS.opening_statement);
    await expect.poll(() => inWidget(page, '[part~=suggestion]').allInnerTexts()).toEqual(DEFAULT_PARAMETERS.suggested_questions);
    await vi.waitFor(() => expect(pulseRequests()).toContainEqual({ method: 'GET', path: '/parameters', body: undefined }), { timeout: 10_000 });

    // A starter question is sent: a new PulseAI conversation for the visitor, its answer shown.
    await inWidget(page, '[part~=suggestion]').first().click();
    await waitForAnswers(page, 1);
    const [conversation] = pulseConversations();
    expect(conversation?.messages.map((message) => [message.query, message.status])).toEqual([[DEFAULT_PARAMETERS.suggested_questions[0], 'normal']]);
    const first = conversation!.messages[0]!;
    expect(await answers.first().locator('.bubble').innerText()).toContain('Add one script tag');
    await vi.waitFor(
      () =>
        expect(pulseRequests().find((request) => request.path === '/chat-messages')?.body).toMatchObject({
          query: DEFAULT_PARAMETERS.suggested_questions[0],
          user: USER,
          conversation_id: '',
          response_mode: 'streaming',
        }),
      { timeout: 10_000 },
    );

    // The follow-ups are the server's suggestions for that answer; one click sends one in the same conversation.
    const suggested = await fetch(`${suite.server.url}${API}/messages/${first.id}/suggested?user=${USER}`, { headers: { Authorization: 'Bearer app-confab-demo', [PROBE_HEADER]: '1' } });
    const { data: followUps } = (await suggested.json()) as { data: string[] };
    await expect.poll(() => inWidget(page, '[part~=suggestion]').allInnerTexts()).toEqual(followUps);
    await vi.waitFor(() => expect(pulseRequests()).toContainEqual({ method: 'GET', path: `/messages/${first.id}/suggested?user=${USER}`, body: undefined }), { timeout: 10_000 });
    await inWidget(page, '[part~=suggestion]').first().click();
    await waitForAnswers(page, 2);
    expect(pulseConversations()).toHaveLength(1);
    expect(conversation!.messages.map((message) => message.query)).toEqual([DEFAULT_PARAMETERS.suggested_questions[0], followUps[0]]);
    await vi.waitFor(() => expect(pulseRequests().filter((request) => request.path === '/chat-messages').at(-1)?.body).toMatchObject({ conversation_id: conversation!.id, user: USER }), { timeout: 10_000 });

    // Feedback on the first answer: like, dislike, dislike with a comment, then withdrawn (rating null).
    const feedbackBodies = () => pulseRequests().filter((request) => request.path === `/messages/${first.id}/feedbacks`).map((request) => request.body);
    await inWidget(page, '[part~=feedback-positive]').first().click();
    await vi.waitFor(() => expect(first.feedback?.rating).toBe('like'), { timeout: 10_000 });
    await inWidget(page, '[part~=feedback-negative]').first().click();
    await inWidget(page, '.reasons input[type=checkbox]').first().check();
    await inWidget(page, '.reasons textarea').fill('It left out the npm way.');
    await inWidget(page, '.reasons [type=submit]').click();
    await vi.waitFor(() => expect(first.feedback).toMatchObject({ rating: 'dislike', content: 'It left out the npm way.' }), { timeout: 10_000 });
    await inWidget(page, '[part~=feedback-negative]').first().click();
    await vi.waitFor(() => expect(feedbackBodies()).toHaveLength(4), { timeout: 10_000 });
    await vi.waitFor(() => expect(first.feedback).toBeNull(), { timeout: 10_000 });
    expect(feedbackBodies()).toEqual([
      { rating: 'like', user: USER },
      { rating: 'dislike', user: USER },
      { rating: 'dislike', user: USER, content: 'It left out the npm way.' },
      { rating: null, user: USER },
    ]);

    // Stop mid-answer: the widget stops the task it streams, and the partial answer stays, marked stopped.
    const question = 'How do I log a conversation?';
    await ask(page, question);
    await answers.nth(2).locator('.caret').waitFor();
    await inWidget(page, '[part~=stop]').click();
    await answers.nth(2).locator('.note').waitFor();
    const stopped = conversation!.messages[2]!;
    await vi.waitFor(() => expect(pulseRequests().filter((request) => request.path.endsWith('/stop'))).toEqual([{ method: 'POST', path: `/chat-messages/${stopped.task_id}/stop`, body: { user: USER } }]), { timeout: 10_000 });
    await vi.waitFor(() => expect(pulse().state.tasks.size, 'the stopped stream ended').toBe(0), { timeout: 10_000 });
    const fullAnswer = demoKnowledgeBase().answer(question).text;
    expect(stopped.answer.length, 'a partial answer was saved').toBeGreaterThan(0);
    expect(stopped.answer.length, 'the saved answer is cut short').toBeLessThan(fullAnswer.length);
    expect(fullAnswer.startsWith(stopped.answer)).toBe(true);
    expect(await answers.nth(2).locator('.bubble').innerText(), 'the partial answer is on screen').toContain(stopped.answer.split(' ').slice(0, 3).join(' '));

    // The analytics server logged all three turns, the stopped answer as the server kept it.
    await vi.waitFor(() => expect([...analytics().conversations.values()][0]?.messages).toHaveLength(6), { timeout: 10_000 });
    const logged = [...analytics().conversations.values()][0]!;
    expect(logged.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual(conversation!.messages.map((message) => message.query));
    expect(logged.messages.at(-1)?.content).toBe(stopped.answer);

    // Rename and delete from the conversation list reach the PulseAI server.
    await inWidget(page, '[aria-label=Conversations]').click();
    await inWidget(page, '[part~=rename]').click();
    await inWidget(page, '.rename-form input').fill('Embedding and logging');
    await inWidget(page, '.rename-form input').press('Enter');
    await vi.waitFor(() => expect(conversation!.name).toBe('Embedding and logging'), { timeout: 10_000 });
    await vi.waitFor(() => expect(pulseRequests()).toContainEqual({ method: 'POST', path: `/conversations/${conversation!.id}/name`, body: { name: 'Embedding and logging', user: USER } }), { timeout: 10_000 });

    await inWidget(page, '[part~=delete]').click();
    await inWidget(page, '.conversation.confirming .danger').click();
    await inWidget(page, '.conversations .empty').waitFor();
    await vi.waitFor(() => expect(pulse().state.conversations.size).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(pulseRequests()).toContainEqual({ method: 'DELETE', path: `/conversations/${conversation!.id}`, body: { user: USER } }), { timeout: 10_000 });
    await vi.waitFor(() => expect(analytics().deleted.map((deleted) => deleted.id)).toEqual([logged.id]), { timeout: 10_000 });
    expect(await page.errors()).toEqual([]);
  }, 60_000);

  it('13. the PulseAI chunk loads only where the backend is PulseAI: a page on an OpenAI-compatible backend never asks for it', async () => {
    const pulseChunk = await pulseFile();
    const context = await suite.newContext();
    const openai = await suite.openPage(context, '/script-tag.html');
    await openPanel(openai);
    await ask(openai, 'How do I embed confab?');
    await waitForAnswers(openai, 1);
    expect(await scriptsLoaded(openai), 'no PulseAI chunk on an OpenAI backend').not.toContain(pulseChunk);
    const page = await suite.openPage(context, '/pulse.html');
    await expect.poll(() => scriptsLoaded(page), { timeout: 10_000 }).toContain(pulseChunk);
    expect(await openai.errors()).toEqual([]);
    expect(await page.errors()).toEqual([]);
  });

  it('14. a PulseAI chunk that cannot be loaded: confab-error names it, a question says it could not connect and is kept, and Retry answers it once the chunk is there', async () => {
    const pulseChunk = await pulseFile();
    // The PulseAI site, its chunk not deployed beside confab.js.
    const folder = await mkdtemp(join(tmpdir(), 'confab-pulse-missing-'));
    folders.push(folder);
    for (const file of (await readdir(DIST)).filter((name) => /^confab(-[\w-]+)?\.js$/.test(name) && name !== pulseChunk)) await copyFile(join(DIST, file), join(folder, file));
    await writeFile(
      join(folder, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Support</title></head><body><h1>Support</h1><script src="confab.js" data-mode="inline" data-provider="pulse" data-chat-url="${API}" data-chat-key="app-confab-demo" data-user-id="${USER}"></script></body></html>`,
    );
    suite.server.mount('pulse-missing', folder);
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const page = await suite.openPage(context, '/pulse-missing/index.html');
    // The page's PulseAI app key is reported too (`exposed_key`): only the chunk's reports count here.
    const errors = async () => (await confabErrors(page)).filter((error) => error.code === 'chunk_load_failed');
    const missing = expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining(pulseChunk) });
    // Loaded with the panel, at once in inline mode: that load fails, reported once, naming the file.
    await expect.poll(errors, { timeout: 10_000 }).toEqual([missing]);

    // The question is kept on screen with the sentence for a failed connection, and Retry.
    await ask(page, 'How do I embed confab?');
    const answer = inWidget(page, 'li.message.assistant').last();
    await answer.filter({ hasText: 'Could not connect. Check your connection.' }).waitFor({ timeout: 10_000 });
    expect(await inWidget(page, 'li.message.user').allInnerTexts()).toEqual([expect.stringContaining('How do I embed confab?')]);
    expect(pulse().state.conversations.size, 'nothing reached PulseAI').toBe(0);
    // The question asked for the chunk again: that attempt is reported once too, not again as a failed turn.
    await expect.poll(errors).toEqual([missing, missing]);

    // The chunk is deployed; Retry loads it, and the question is answered.
    await copyFile(join(DIST, pulseChunk), join(folder, pulseChunk));
    await answer.getByRole('button', { name: 'Retry' }).click();
    await waitForAnswers(page, 1);
    await expect.poll(() => answer.locator('.bubble').innerText(), { timeout: 15_000 }).toContain('Add one script tag');
    expect(pulseConversations().map((conversation) => conversation.messages.map((message) => message.query))).toEqual([['How do I embed confab?']]);
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  }, 60_000);
});
