// The Dixa adapter against the reference Dixa server (contracts/dixa.md §4, §7): one row
// per endpoint it calls and per status it must read, including `Duplicate externalId`
// counted as delivered and the 409 of a repeated anonymization, never retried.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HandoffError } from '../../../src/server/handoff/handoff-error';
import type { Harness } from '../../demo/server/dixa/harness';
import { adapterOn, DIXA_IDS, fetchSeam, memoryProgress, startDixa, startRequest, TOKEN, type FetchSeam } from './dixa-support';

let dixa: Harness & { rewind(): void };
let seam: FetchSeam;
beforeAll(async () => {
  dixa = await startDixa({ slowFaultMs: 400 });
});
afterAll(() => dixa?.close());
beforeEach(async () => {
  await dixa.idle();
  dixa.rewind();
  dixa.dixa.reset();
  seam = fetchSeam();
});

const conversation = (id: string | number) => dixa.dixa.state.conversations.get(Number(id))!;
const route = (label: string) => dixa.dixa.stats.snapshot().byRoute[label] ?? 0;

/** Starts a handoff with the default settings; returns its ticket id. */
async function started(overrides: Parameters<typeof adapterOn>[2] = {}): Promise<string> {
  const { adapter } = adapterOn(dixa.base, seam, overrides);
  return (await adapter.start(startRequest(), memoryProgress())).ticketId;
}

/** What a call rejected with. */
async function failureOf(promise: Promise<unknown>): Promise<HandoffError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HandoffError);
  return error as HandoffError;
}

describe('start: create (§3.10), transfer (§3.23), notes (§3.2), tag (§3.18), attribute (§3.20)', () => {
  it('1. email shape: an Email conversation for the configured requester, the visitor\'s first words with an externalId, transferred to the handoff queue, tagged and linked', async () => {
    const progress = memoryProgress();
    const { adapter, warnings } = adapterOn(dixa.base, seam);
    const { ticketId } = await adapter.start(startRequest(), progress);
    expect(ticketId).toBe('100');
    expect(progress.ticketIds).toEqual(['100']);
    const created = conversation(ticketId);
    expect(created).toMatchObject({
      _type: 'EmailConversation',
      channel: 'Email',
      requesterId: DIXA_IDS.requesterId,
      subject: 'Chat handoff: I was charged twice for my invoice (cf-0123456789abcdef)',
      language: 'en',
      queue: { id: DIXA_IDS.queueId },
      tags: [DIXA_IDS.handoffTagId],
      customAttributes: { [DIXA_IDS.sessionAttributeId]: 'conv_7d1c' },
    });
    expect(created.messages).toEqual([expect.objectContaining({ direction: 'Inbound', authorId: DIXA_IDS.requesterId, content: { value: 'I was charged twice for my invoice', _type: 'Text' }, externalId: 'confab:0123456789abcdef0123456789abcdef:msg_first' })]);
    expect(seam.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v1/conversations',
      'PUT /v1/conversations/100/transfer/queue',
      'POST /v1/conversations/100/notes/bulk',
      `PUT /v1/conversations/100/tags/${DIXA_IDS.handoffTagId}`,
      'PATCH /v1/conversations/100/custom-attributes',
    ]);
    expect(seam.calls[0]!.headers.authorization, 'the bare token by default (§1.2)').toBe(TOKEN);
    expect(warnings).toEqual([]);
    expect(progress.fields).toMatchObject({ ticketId: '100', transferred: 'done', transcript: 'done', tagged: 'done', attributed: 'done', notes: '3' });
  });

  it('2. the transcript: a header note, then one internal note per turn, each back-dated to its turn (§4.3); the AI\'s words are never a message', async () => {
    const ticketId = await started();
    const notes = conversation(ticketId).notes;
    expect(notes.map((note) => note.message)).toEqual([
      expect.stringMatching(/^confab: the visitor asked for a person\. Their conversation with the AI assistant follows in 2 note\(s\).*\nconfab conversation: conv_7d1c$/s),
      'Visitor: Why was I charged twice?',
      'AI assistant: I could not find that in the docs.',
    ]);
    expect(notes.slice(1).map((note) => note.createdAt)).toEqual(['2026-01-01T00:01:00.000Z', '2026-01-01T00:01:05.000Z']);
    expect(notes.every((note) => note.authorId === DIXA_IDS.tokenUserId)).toBe(true);
    expect(conversation(ticketId).messages).toHaveLength(1);
  });

  it('3. endpoint shape: a conversation on the flow of the contact endpoint, in the handoff queue; then the first message, with its externalId', async () => {
    const ticketId = await started({ createShape: 'endpoint', contactEndpointId: DIXA_IDS.widgetEndpointId, emailIntegrationId: undefined });
    expect(conversation(ticketId)).toMatchObject({ _type: 'ChatConversation', channel: 'WidgetChat', queue: { id: DIXA_IDS.queueId }, direction: 'Inbound' });
    expect(conversation(ticketId).messages.map((message) => message.externalId)).toEqual(['confab:0123456789abcdef0123456789abcdef:msg_first']);
    expect(seam.calls.map((call) => `${call.method} ${call.path.replace(/\/tags\/.*/, '/tags/…')}`)).toEqual([
      'POST /v1/conversations',
      'POST /v1/conversations/100/notes/bulk',
      'PUT /v1/conversations/100/tags/…',
      'PATCH /v1/conversations/100/custom-attributes',
      'POST /v1/conversations/100/messages',
    ]);
  });

  it('4. bulk items that fail (BulkActionFailure: an unknown note author) are posted again alone, as the token\'s user; the operator is told which setting', async () => {
    const unknownAgent = '00000000-0000-4000-8000-000000000000';
    const { adapter, warnings } = adapterOn(dixa.base, seam, { noteAgentId: unknownAgent });
    const { ticketId } = await adapter.start(startRequest(), memoryProgress());
    expect(conversation(ticketId).notes.map((note) => note.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^confab: the visitor asked/),
      '[2026-01-01T00:01:00.000Z] Visitor: Why was I charged twice?',
      '[2026-01-01T00:01:05.000Z] AI assistant: I could not find that in the docs.',
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'config', setting: 'handoff.dixa.noteAgentId' });
    expect(route('POST /v1/conversations/{conversationId}/notes')).toBe(3);
  });

  it('5. a long transcript goes in chunks of 50 notes', async () => {
    const transcript = Array.from({ length: 120 }, (_, i) => ({ role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), text: `turn ${i}` }));
    const { adapter } = adapterOn(dixa.base, seam);
    const { ticketId } = await adapter.start(startRequest({ transcript }), memoryProgress());
    expect(conversation(ticketId).notes).toHaveLength(121);
    expect(route('POST /v1/conversations/{conversationId}/notes/bulk')).toBe(3);
  });

  it('6. a create whose answer was lost (applied, then the connection reset): the retry gets 400 Duplicate externalId and finds the conversation by the subject\'s reference; one conversation in all', async () => {
    const progress = memoryProgress();
    const { adapter } = adapterOn(dixa.base, seam);
    dixa.dixa.faults.resetAfterNext(1);
    expect((await failureOf(adapter.start(startRequest(), progress))).kind).toBe('unavailable');
    expect(dixa.dixa.state.conversations.has(100), 'the lost create was applied').toBe(true);
    const { ticketId } = await adapter.start(startRequest(), progress);
    expect(ticketId).toBe('100');
    expect(dixa.dixa.state.conversations.has(101)).toBe(false);
    expect(seam.calls.map((call) => call.path)).toContain('/v1/search/conversations?query=cf-0123456789abcdef&exactMatch=true');
  });

  it('7. a transcript chunk whose answer was lost is not posted twice: the retry lists the notes and skips those already there', async () => {
    const progress = memoryProgress();
    const { adapter } = adapterOn(dixa.base, seam);
    seam.beforeNext(/notes\/bulk/, () => dixa.dixa.faults.resetAfterNext(1));
    expect((await failureOf(adapter.start(startRequest(), progress))).kind).toBe('unavailable');
    expect(conversation(100).notes).toHaveLength(3);
    await adapter.start(startRequest(), progress);
    expect(conversation(100).notes).toHaveLength(3);
    expect(seam.calls.filter((call) => call.path === '/v1/conversations/100/transfer/queue'), 'finished steps are not repeated').toHaveLength(1);
  });

  it('8. create refused for the operator\'s ids (404 unknown requester, 400 Unsupported ConversationChannel): a config error naming handoff.dixa', async () => {
    const unknown = adapterOn(dixa.base, seam, { requesterId: '00000000-0000-4000-8000-00000000abcd' });
    expect(await failureOf(unknown.adapter.start(startRequest(), memoryProgress()))).toMatchObject({ kind: 'config', status: 404, setting: 'handoff.dixa' });
  });

  it.each([
    ['9', 'an Inactive tag (400)', { handoffTagId: DIXA_IDS.inactiveTagId }, 'handoff.dixa.handoffTagId', 'tagged'],
    ['10', 'an unknown tag (404)', { handoffTagId: '00000000-0000-4000-8000-00000000beef' }, 'handoff.dixa.handoffTagId', 'tagged'],
    ['11', 'an unknown custom attribute (400 Invalid input for patching)', { conversationAttributeId: '00000000-0000-4000-8000-00000000cafe' }, 'handoff.dixa.conversationAttributeId', 'attributed'],
    ['12', 'an unknown queue on transfer (400 Queue does not exist)', { queueId: '00000000-0000-4000-8000-00000000d00d' }, 'handoff.dixa.queueId', 'transferred'],
  ])('%s. %s does not fail the handoff: reported, naming the setting, and the step is not tried again', async (_n, _what, overrides, setting, field) => {
    const progress = memoryProgress();
    const { adapter, warnings } = adapterOn(dixa.base, seam, overrides);
    expect((await adapter.start(startRequest(), progress)).ticketId).toBe('100');
    expect(warnings.map((warning) => warning.setting)).toEqual([setting]);
    expect(progress.fields[field]).toBe('refused');
    const calls = seam.calls.length;
    await adapter.start(startRequest(), progress);
    expect(seam.calls.length, 'a finished start makes no calls').toBe(calls);
  });
});

describe('visitor messages (§3.4, §4.5)', () => {
  it('13. an Inbound Text message with externalId confab:<handoff>:<message>, attachments []', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    await adapter.sendMessage(ticketId, 'h1', { id: 'msg_2', text: 'Any news?', createdAt: '2026-01-01T00:06:00.000Z' });
    expect(seam.calls.at(-1)!.body).toEqual({ _type: 'Inbound', content: { value: 'Any news?', _type: 'Text' }, attachments: [], externalId: 'confab:h1:msg_2' });
    expect(conversation(ticketId).messages.at(-1)).toMatchObject({ direction: 'Inbound', authorId: DIXA_IDS.requesterId, externalId: 'confab:h1:msg_2' });
  });

  it('14. the same message again: 400 Duplicate externalId counts as delivered; Dixa holds it once', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    const message = { id: 'msg_2', text: 'Any news?', createdAt: '2026-01-01T00:06:00.000Z' };
    await adapter.sendMessage(ticketId, 'h1', message);
    await expect(adapter.sendMessage(ticketId, 'h1', message)).resolves.toBeUndefined();
    expect(route('POST /v1/conversations/{conversationId}/messages')).toBe(2);
    expect(conversation(ticketId).messages.filter((m) => m.externalId === 'confab:h1:msg_2')).toHaveLength(1);
  });

  it.each([
    ['15', '500', 'unavailable', 500],
    ['16', '429', 'unavailable', 429],
    ['17', '401', 'config', 401],
    ['18', '400C', 'config', 400],
  ])('%s. X-Fake-Fault %s → %s', async (_n, fault, kind, status) => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    seam.faultNext(/messages$/, fault);
    const error = await failureOf(adapter.sendMessage(ticketId, 'h1', { id: 'm', text: 'x', createdAt: '2026-01-01T00:00:00Z' }));
    expect(error).toMatchObject({ kind, status });
    if (fault === '429') expect(error.retryAfterMs).toBe(1_000);
    if (kind === 'config') expect(error.setting).toBe('handoff.dixa.apiToken');
  });

  it('19. 503 (the shared fault controls) and a dropped connection are unavailable; a slow Dixa past timeoutMs is unavailable, saying so', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam, { timeoutMs: 100 });
    const message = { id: 'm', text: 'x', createdAt: '2026-01-01T00:00:00Z' };
    dixa.dixa.faults.failNext(1, { status: 503 });
    expect(await failureOf(adapter.sendMessage(ticketId, 'h1', message))).toMatchObject({ kind: 'unavailable', status: 503 });
    dixa.dixa.faults.dropNext(1);
    expect(await failureOf(adapter.sendMessage(ticketId, 'h1', message))).toMatchObject({ kind: 'unavailable', status: undefined });
    seam.faultNext(/messages$/, 'slow');
    expect((await failureOf(adapter.sendMessage(ticketId, 'h1', message))).message).toMatch(/did not answer "add the visitor's message" within 100 ms/);
  });

  it('20. a conversation whose channel takes no messages (400 Unsupported ConversationChannel) is a config error; an unknown one is not_found', async () => {
    const { adapter } = adapterOn(dixa.base, seam);
    const message = { id: 'm', text: 'x', createdAt: '2026-01-01T00:00:00Z' };
    expect(await failureOf(adapter.sendMessage('3', 'h1', message))).toMatchObject({ kind: 'config', setting: 'handoff.dixa.createShape', reason: 'Unsupported ConversationChannel' });
    expect(await failureOf(adapter.sendMessage('999', 'h1', message))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('21. the token as "Bearer <token>" works too; a token Dixa does not know is a config error naming handoff.dixa.apiToken', async () => {
    const bearer = adapterOn(dixa.base, seam, { apiToken: `Bearer ${TOKEN}` });
    expect((await bearer.adapter.start(startRequest(), memoryProgress())).ticketId).toBe('100');
    expect(seam.calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const wrong = adapterOn(dixa.base, seam, { apiToken: 'not-the-token' });
    expect(await failureOf(wrong.adapter.start(startRequest({ handoffId: 'ffffffffffffffffffffffffffffffff' }), memoryProgress()))).toMatchObject({ kind: 'config', status: 401, setting: 'handoff.dixa.apiToken' });
  });
});

describe('agent activity: list messages (§3.5), get conversation (§3.11), activity log (§3.12)', () => {
  it('22. an agent\'s reply, with the agent\'s name from the assignment activity; the visitor\'s own messages are left out; the cursor returns only what is new', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    const first = await adapter.readActivity(ticketId, undefined);
    expect(first).toMatchObject({ messages: [], state: 'open', agent: null });
    dixa.dixa.agent.assign({ conversationId: Number(ticketId) });
    dixa.advance(1_000);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Hi, Dale here. Let me check.' });
    const second = await adapter.readActivity(ticketId, first.cursor);
    expect(second.agent).toEqual({ id: DIXA_IDS.agentId, name: 'Dale Cooper' });
    expect(second.messages).toEqual([{ id: expect.any(String), text: 'Hi, Dale here. Let me check.', format: 'text', agent: { id: DIXA_IDS.agentId, name: 'Dale Cooper' }, createdAt: '2026-01-01T00:00:01.123Z' }]);
    const third = await adapter.readActivity(ticketId, second.cursor);
    expect(third.messages).toEqual([]);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Found it.' });
    expect((await adapter.readActivity(ticketId, third.cursor)).messages.map((message) => message.text)).toEqual(['Found it.']);
    expect(seam.calls.filter((call) => call.path.endsWith('/activitylog')), 'the log is read once per agent not yet named').toHaveLength(1);
  });

  it('23. an Html reply becomes Markdown text, no markup; an item without text (GAP 2: `attributes: {}` as documented) reads as null', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: '<p>See <strong>Billing</strong><script>alert(1)</script></p>', contentType: 'Html' });
    expect((await adapter.readActivity(ticketId, undefined)).messages).toEqual([expect.objectContaining({ text: 'See **Billing**', format: 'markdown' })]);
    seam.rewrite(/messages$/, (data) => (data as Array<Record<string, unknown>>).map((item) => ({ ...item, attributes: {} })));
    const bare = await adapter.readActivity(ticketId, undefined);
    expect(bare.messages.map((message) => message.text), 'without attributes the visitor\'s first message still is not an agent\'s (its externalId)').toEqual([null]);
  });

  it('24. closed by the agent: state closed; a cursor naming an unknown message reads everything again (the server dedupes by id)', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Done, bye.' });
    dixa.dixa.agent.close({ conversationId: Number(ticketId) });
    const read = await adapter.readActivity(ticketId, JSON.stringify({ last: 'gone' }));
    expect(read.state).toBe('closed');
    expect(read.messages.map((message) => message.text)).toEqual(['Done, bye.']);
    expect(await failureOf(adapter.readActivity('999', undefined))).toMatchObject({ kind: 'not_found' });
  });
});

describe('close (§3.9), reopen (§3.21), rating (§3.16), CSAT note (§4.8), anonymize (§3.6)', () => {
  it('25. close with no body → Closed; reopen → Open, offered in the handoff queue again', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    await adapter.close(ticketId);
    expect(seam.calls.at(-1)).toMatchObject({ method: 'PUT', path: `/v1/conversations/${ticketId}/close`, body: undefined });
    expect(conversation(ticketId).state).toBe('Closed');
    await adapter.reopen(ticketId);
    expect(conversation(ticketId)).toMatchObject({ state: 'Open', queue: { id: DIXA_IDS.queueId } });
  });

  it('26. the rating: none yet → undefined; the helpdesk\'s CSAT → its score and comment', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    expect(await adapter.readRating(ticketId)).toBeUndefined();
    dixa.dixa.agent.rate({ conversationId: Number(ticketId), score: 4, comment: 'Quick, thanks' });
    expect(await adapter.readRating(ticketId)).toEqual({ score: 4, comment: 'Quick, thanks' });
  });

  it('27. the widget\'s CSAT as an internal note (ratings are read-only); a refused note author falls back to the token\'s user', async () => {
    const ticketId = await started();
    await adapterOn(dixa.base, seam).adapter.recordRating(ticketId, { score: 5, comment: 'Great help' });
    const { adapter, warnings } = adapterOn(dixa.base, seam, { noteAgentId: '00000000-0000-4000-8000-000000000000' });
    await adapter.recordRating(ticketId, { score: 2 });
    expect(conversation(ticketId).notes.slice(-2).map((note) => note.message)).toEqual([
      'Visitor rating, collected by the confab widget: 5 of 5.\nComment: Great help',
      'Visitor rating, collected by the confab widget: 2 of 5.',
    ]);
    expect(warnings.map((warning) => warning.setting)).toEqual(['handoff.dixa.noteAgentId']);
    expect(conversation(ticketId).ratings, 'no Dixa rating is written').toEqual([]);
  });

  it('28. anonymize an open conversation: PATCH …/anonymize?force=true, 202 → requested; it is closed and its texts anonymized', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    expect(await adapter.anonymize(ticketId)).toBe('requested');
    expect(seam.calls.at(-1)!.path).toBe(`/v1/conversations/${ticketId}/anonymize?force=true`);
    expect(conversation(ticketId).state).toBe('Closed');
    expect(conversation(ticketId).messages.map((message) => message.content.value)).toEqual(['[anonymized]']);
    expect(conversation(ticketId).notes.every((note) => note.message === '[anonymized]')).toBe(true);
  });

  it('29. anonymize again: 409 → already_requested, asked once, not retried; an unknown conversation → not_found', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    await adapter.anonymize(ticketId);
    expect(await adapter.anonymize(ticketId)).toBe('already_requested');
    expect(route('PATCH /v1/conversations/{conversationId}/anonymize')).toBe(2);
    expect(await adapter.anonymize('999')).toBe('not_found');
  });

  it('30. anonymize while Dixa fails: 500 is unavailable (to retry later), 401 a config error', async () => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    seam.faultNext(/anonymize$/, '500');
    expect(await failureOf(adapter.anonymize(ticketId))).toMatchObject({ kind: 'unavailable', status: 500 });
    seam.faultNext(/anonymize$/, '401');
    expect(await failureOf(adapter.anonymize(ticketId))).toMatchObject({ kind: 'config', status: 401 });
    expect(conversation(ticketId).anonymizations).toEqual([]);
  });
});

describe('every call the adapter makes, as Dixa fails it', () => {
  type Call = (adapter: ReturnType<typeof adapterOn>['adapter'], ticketId: string) => Promise<unknown>;
  const calls: Array<[string, Call]> = [
    ['readActivity', (adapter, id) => adapter.readActivity(id, undefined)],
    ['close', (adapter, id) => adapter.close(id)],
    ['reopen', (adapter, id) => adapter.reopen(id)],
    ['readRating', (adapter, id) => adapter.readRating(id)],
    ['recordRating', (adapter, id) => adapter.recordRating(id, { score: 3 })],
    ['anonymize', (adapter, id) => adapter.anonymize(id)],
    ['sendMessage', (adapter, id) => adapter.sendMessage(id, 'h', { id: 'm', text: 'x', createdAt: '2026-01-01T00:00:00Z' })],
    ['start', (adapter) => adapter.start(startRequest({ handoffId: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }), memoryProgress())],
  ];
  const rows = calls.flatMap(([name, call], index) =>
    (
      [
        [503, 'unavailable'],
        [429, 'unavailable'],
        [401, 'config'],
        [403, 'config'],
      ] as const
    ).map(([status, kind], row) => [`${31 + index * 4 + row}`, name, status, kind, call] as const),
  );

  it.each(rows)('%s. %s answered %i → %s', async (_n, name, status, kind, call) => {
    const ticketId = await started();
    const { adapter } = adapterOn(dixa.base, seam);
    dixa.dixa.faults.failNext(1, { status, ...(status === 429 ? { retryAfter: 7 } : {}) });
    const error = await failureOf(call(adapter, ticketId));
    expect(error).toMatchObject({ kind, status });
    if (status === 429) expect(error.retryAfterMs).toBe(7_000);
    expect(error.message, `${name} names its call`).toMatch(/^Dixa answered \d{3} "[^"]+" to "[^"]+"/);
  });

  it.each(calls.filter(([name]) => name !== 'start' && name !== 'anonymize').map(([name, call], index) => [`${63 + index}`, name, call] as const))('%s. %s on a conversation Dixa does not have → not_found', async (_n, _name, call) => {
    const { adapter } = adapterOn(dixa.base, seam);
    expect(await failureOf(call(adapter, '424242'))).toMatchObject({ kind: 'not_found', status: 404 });
  });
});
