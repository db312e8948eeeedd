// Issue 16, "How to prove it": the built widget, confab-chat/server's handoff and the
// reference Dixa server, as a visitor and an agent live it. The visitor asks, votes the
// answer down and asks for a person; the agent sees the transcript, joins and replies; the
// visitor reloads and sees the reply once, writes to the person; the agent closes, the
// visitor rates; the analytics server holds the rating, and the conversation with the ticket
// id and the agent's name; the visitor deletes it and the Dixa conversation is anonymized.
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DIXA_IDS } from '../../demo/server/dixa/fixture';
import type { Page } from '../browser/engines/page';
import { DIST } from './support/acceptance-server';
import { confabErrors, notAMissingFile, recordConfabErrors, scriptsLoaded } from './support/chunks';
import { askAndWait, inWidget, openPanel, useAcceptanceSuite } from './support/browser';

const suite = useAcceptanceSuite({ confab: true });
const LONG = { timeout: 20_000, interval: 200 };

/** The texts of the conversation's items (messages and lines), as the visitor reads them. */
const shown = (page: Page) => inWidget(page, 'li.message').allInnerTexts();

/** The handoff's chunk of the build (issue 14: each optional feature a chunk of its own). */
const handoffFile = async () => (await readdir(DIST)).find((name) => /^confab-handoff-[\w-]+\.js$/.test(name))!;

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describe('human handoff (Dixa)', () => {
  it('1. thumbs-down, hand off, transcript note, reply shown once after a reload, close, rating, analytics link, delete anonymizes', async () => {
    const { servers } = suite.server;
    const context = await suite.newContext();
    let page = await suite.openPage(context, '/handoff.html');

    // Ask, vote the answer down, and take the offer of a person.
    await askAndWait(page, 'Why was I charged twice for my plan?');
    await inWidget(page, '[part=feedback-negative]').click();
    await inWidget(page, '[part=handoff-offer]').click();
    await inWidget(page, '[part=handoff-line]').filter({ hasText: 'You asked for a person' }).waitFor();
    await inWidget(page, '[part=handoff]').filter({ hasText: 'A person will reply here; you can leave and come back.' }).waitFor();

    // The agent sees the conversation in the handoff queue, the visitor's words as its first
    // message and the assistant's transcript as internal notes.
    const ticket = await vi.waitFor(() => {
      const found = [...servers.dixa.state.conversations.values()].find((conversation) => conversation.requesterId === DIXA_IDS.requesterId);
      expect(found?.queue?.id).toBe(DIXA_IDS.queueId);
      expect(found?.messages[0]?.content?.value).toBe('Why was I charged twice for my plan?');
      expect(found?.notes.map((note) => note.message).join('\n')).toMatch(/AI assistant: \S/);
      return found!;
    }, LONG);

    // The agent joins and replies; the widget shows both.
    servers.dixa.agent.assign({ conversationId: ticket.id, agentId: DIXA_IDS.agentId });
    servers.dixa.agent.reply({ conversationId: ticket.id, text: 'Hi, I am Dale. I see **two charges**; refunding one now.' });
    await inWidget(page, '[part=handoff-line]').filter({ hasText: 'Dale Cooper joined' }).waitFor();
    await inWidget(page, 'li.agent').filter({ hasText: 'refunding one now' }).waitFor();

    // A reload: the reply is there once, after the next poll too.
    await page.reload();
    await inWidget(page, 'li.agent').first().waitFor();
    const pollsBefore = suite.server.requests.filter((request) => request.path.includes('/events')).length;
    await vi.waitFor(() => expect(suite.server.requests.filter((request) => request.path.includes('/events')).length).toBeGreaterThan(pollsBefore + 1), LONG);
    expect((await shown(page)).filter((text) => text.includes('refunding one now'))).toHaveLength(1);
    expect((await shown(page)).filter((text) => text.includes('Dale Cooper joined'))).toHaveLength(1);

    // What the visitor types now goes to the person, not the model.
    const asked = () => suite.server.requests.filter((request) => request.path.startsWith('/api/confab/chat')).length;
    const answersBefore = asked();
    await inWidget(page, '[part~=input]').fill('Thank you, it was invoice 1042.');
    await inWidget(page, '[part~=input]').press('Enter');
    await vi.waitFor(() => expect(ticket.messages.map((message) => message.content?.value)).toContain('Thank you, it was invoice 1042.'), LONG);
    expect(asked()).toBe(answersBefore);

    // The agent closes; the visitor rates 4 with a comment, then may go back to the assistant.
    servers.dixa.agent.close({ conversationId: ticket.id });
    await inWidget(page, '[part=handoff-rating]').waitFor(LONG);
    await inWidget(page, '[part=handoff-rating] button').filter({ hasText: '4' }).click();
    await inWidget(page, '[part=handoff-rating] textarea').fill('Quick and kind');
    await inWidget(page, '[part=handoff-rating] button[type=submit]').click();
    await inWidget(page, '[part=handoff]').filter({ hasText: 'Thank you for your rating.' }).waitFor();
    await vi.waitFor(() => expect(ticket.notes.map((note) => note.message).join('\n')).toMatch(/Visitor rating.*4 of 5[\s\S]*Quick and kind/), LONG);
    await inWidget(page, '[part=handoff-back]').waitFor();
    // The rating reaches the analytics server as an event of the conversation, with its score.
    await vi.waitFor(() => {
      const csat = [...servers.analytics.state.events.values()].find((event) => event.type === 'support_csat_submitted');
      expect(csat?.properties).toMatchObject({ score: 4, comment: 'Quick and kind', supportTicketConversationId: String(ticket.id) });
    }, LONG);

    // The analytics server holds the conversation linked to the ticket, the agent's message
    // with their name and the visitor's message to the person.
    await vi.waitFor(() => {
      const logged = [...servers.analytics.state.conversations.values()].find((conversation) => conversation.supportTicketConversationId === String(ticket.id));
      expect(logged).toBeDefined();
      const reply = logged!.messages.find((message) => typeof message.content === 'string' && message.content.includes('refunding one now'));
      expect(reply?.role).toBe('assistant');
      expect(reply?.userProperties?.supportAgentName).toBe('Dale Cooper');
      expect(logged!.messages.map((message) => message.content)).toContain('Thank you, it was invoice 1042.');
    }, LONG);

    // The visitor deletes the conversation: the Dixa conversation is anonymized.
    page = await suite.openPage(context, '/handoff.html');
    await inWidget(page, '[part=header] button[aria-label=Conversations]').click();
    await inWidget(page, '[part=delete]').click();
    await inWidget(page, '.confirming .danger').click();
    await vi.waitFor(() => expect(ticket.anonymizations.map((request) => request._type)).toContain('Conversation'), LONG);
    expect(await page.errors()).toEqual([]);
  }, 120_000);

  it('2. the handoff chunk loads only where handoff is set: a page without it never asks for the file', async () => {
    const handoff = await handoffFile();
    const context = await suite.newContext();
    const plain = await suite.openPage(context, '/script-tag.html');
    await openPanel(plain);
    await askAndWait(plain, 'How do I embed confab?');
    expect(await scriptsLoaded(plain)).toEqual(expect.arrayContaining(['confab.js', expect.stringMatching(/^confab-core-/)]));
    expect(await scriptsLoaded(plain), 'no handoff chunk without handoff').not.toContain(handoff);
    const page = await suite.openPage(context, '/handoff.html');
    await expect.poll(() => scriptsLoaded(page), LONG).toContain(handoff);
    expect(await plain.errors()).toEqual([]);
    expect(await page.errors()).toEqual([]);
  });

  it('3. a handoff chunk that cannot be loaded: confab-error names it, and a conversation with a person says so with Retry, keeps what is typed and delivers it once the chunk is there', async () => {
    const { servers } = suite.server;
    const handoff = await handoffFile();
    // The same site, the handoff's chunk not deployed beside confab.js.
    const folder = await mkdtemp(join(tmpdir(), 'confab-handoff-missing-'));
    folders.push(folder);
    const chunks = (await readdir(DIST)).filter((name) => /^confab(-[\w-]+)?\.js$/.test(name) && name !== handoff);
    for (const file of chunks) await copyFile(join(DIST, file), join(folder, file));
    await writeFile(join(folder, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Billing help</title></head><body><h1>Billing help</h1><script src="confab.js" data-mode="inline" data-server="/api/confab" data-handoff="menu after-thumbs-down"></script></body></html>');
    suite.server.mount('handoff-missing', folder);

    // First, on the complete site, the visitor asks for a person.
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const complete = await suite.openPage(context, '/handoff.html');
    await askAndWait(complete, 'Why was I charged twice for my plan?');
    await inWidget(complete, '[part=feedback-negative]').click();
    await inWidget(complete, '[part=handoff-offer]').click();
    await inWidget(complete, '[part=handoff]').filter({ hasText: 'A person will reply here' }).waitFor(LONG);
    const ticket = await vi.waitFor(() => {
      const found = [...servers.dixa.state.conversations.values()].find((conversation) => conversation.requesterId === DIXA_IDS.requesterId);
      expect(found).toBeDefined();
      return found!;
    }, LONG);
    await complete.close();

    // Then the page whose handoff chunk is missing: reported, naming the file.
    const page = await suite.openPage(context, '/handoff-missing/index.html');
    const errors = () => confabErrors(page);
    // Once per attempt: the panel asks for the chunk when `handoff` is set (the stored
    // conversation's messages, shown meanwhile, wait for that attempt); after a failure only
    // Retry asks again.
    await expect.poll(async () => (await errors()).length, LONG).toBeGreaterThan(0);
    expect(await errors()).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining(handoff) })]));
    expect((await errors()).filter((error) => error.code !== 'chunk_load_failed' || !error.message.includes(handoff)), 'nothing else reported').toEqual([]);
    // The open conversation is with a person: the visitor is told, with Retry.
    const bar = inWidget(page, '[part=handoff]');
    await bar.filter({ hasText: 'The chat with the person could not be loaded. Check your connection, then try again. What you write is kept.' }).waitFor(LONG);
    // What the visitor writes is kept for the person, not sent to the model.
    const asked = () => suite.server.requests.filter((request) => request.path.startsWith('/api/confab/chat')).length;
    const answersBefore = asked();
    await inWidget(page, '[part~=input]').fill('It was invoice 1042.');
    await inWidget(page, '[part~=input]').press('Enter');
    await inWidget(page, 'li.message.user').filter({ hasText: 'It was invoice 1042.' }).waitFor();
    expect(await errors(), 'the message shown meanwhile did not try the chunk again').toHaveLength(1);

    // The chunk is deployed; Retry loads it, and the message reaches the person.
    await copyFile(join(DIST, handoff), join(folder, handoff));
    await bar.getByRole('button', { name: 'Retry' }).click();
    await inWidget(page, '[part=handoff-end]').waitFor(LONG);
    await vi.waitFor(() => expect(ticket.messages.map((message) => message.content?.value)).toContain('It was invoice 1042.'), LONG);
    expect(asked()).toBe(answersBefore);
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  }, 120_000);
});
