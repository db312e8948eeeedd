import { describe, expect, it } from 'vitest';
import { IDS, SECONDS_Z, UUID, ZONED, api, createConversation, expectData, expectMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const B = 'Invalid value for: body';
const UNKNOWN_AGENT = '00000000-0000-4000-8000-000000000001';

const addNote = (id: number | string, body: unknown) => api(base(), 'POST', `/v1/conversations/${id}/notes`, { body });
const addBulk = (id: number | string, body: unknown) => api(base(), 'POST', `/v1/conversations/${id}/notes/bulk`, { body });

describe('3.1 add internal note', () => {
  it('1. the sample body: 200 with the Note {id, authorId, createdAt, csid, message}; createdAt echoed as …Z[GMT]', async () => {
    const id = await createConversation(base());
    const note = expectData(await addNote(id, { message: 'A sample note', agentId: IDS.agentId, createdAt: '2021-12-01T12:46:36.581Z[GMT]' }), 200);
    expect(Object.keys(note).sort()).toEqual(['authorId', 'createdAt', 'csid', 'id', 'message']);
    expect(note).toMatchObject({ authorId: IDS.agentId, createdAt: '2021-12-01T12:46:36.581Z[GMT]', csid: id, message: 'A sample note' });
    expect(note.id).toMatch(UUID);
  });

  it('2. without agentId the author is the token user; without createdAt it is now, as …Z[GMT]', async () => {
    const id = await createConversation(base());
    const note = expectData(await addNote(id, { message: 'Visitor: hi\nAI: hello' }), 200);
    expect(note.authorId).toBe(IDS.tokenUserId);
    expect(note.createdAt).toBe('2026-01-01T00:00:00.123Z[GMT]');
    expect(note.createdAt).toMatch(ZONED);
  });

  it('3. a plain ISO-8601 createdAt (the client\'s form, §1.5) and an offset are accepted and emitted as …Z[GMT]', async () => {
    const id = await createConversation(base());
    expect(expectData(await addNote(id, { message: 'a', createdAt: '2021-12-01T12:46:36Z' }), 200).createdAt).toBe('2021-12-01T12:46:36.000Z[GMT]');
    expect(expectData(await addNote(id, { message: 'b', createdAt: '2021-12-01T14:46:36.5+02:00' }), 200).createdAt).toBe('2021-12-01T12:46:36.500Z[GMT]');
  });

  it('4. 400 Agent was not found: an agentId that is no agent of the org', async () => {
    const id = await createConversation(base());
    expectMessage(await addNote(id, { message: 'x', agentId: UNKNOWN_AGENT }), 400, 'Agent was not found');
  });

  it.each(['yesterday', '2021-02-30T10:00:00Z', '2021-12-01', '2021-12-01T12:46:36', ''])('5. 400 Invalid date format: createdAt %j', async (createdAt) => {
    const id = await createConversation(base());
    expectMessage(await addNote(id, { message: 'x', createdAt }), 400, 'Invalid date format');
  });

  it.each([
    ['bad JSON', '{"message":'],
    ['no body', ''],
    ['an array', '[]'],
    ['message missing', '{"agentId":"a53b25da-f676-4c52-acac-58c9280aa23d"}'],
    ['message not a string', '{"message":5}'],
    ['agentId not a uuid', '{"message":"x","agentId":"dale"}'],
    ['createdAt not a string', '{"message":"x","createdAt":1638362796581}'],
  ])('6. 400 B: %s', async (_name, raw) => {
    const id = await createConversation(base());
    expectMessage(await api(base(), 'POST', `/v1/conversations/${id}/notes`, { raw, headers: { 'Content-Type': 'application/json' } }), 400, B);
  });

  it('7. unknown extra fields are ignored', async () => {
    const id = await createConversation(base());
    expect(expectData(await addNote(id, { message: 'x', colour: 'blue' }), 200)).not.toHaveProperty('colour');
  });
});

describe('3.2 add internal notes (bulk)', () => {
  it('8. one result per item in input order; agent and date errors fail per item; a partial failure is a 200', async () => {
    const id = await createConversation(base());
    const data = expectData(
      await addBulk(id, {
        data: [
          { message: 'A sample note', agentId: IDS.agentId, createdAt: '2021-12-01T12:46:36.581Z[GMT]' },
          { message: 'Another sample note' },
          { message: 'ghost', agentId: UNKNOWN_AGENT },
          { message: 'bad date', createdAt: 'tomorrow' },
        ],
      }),
      200,
    );
    expect(data).toHaveLength(4);
    expect(data[0]).toEqual({
      data: { id: expect.stringMatching(UUID), authorId: IDS.agentId, createdAt: '2021-12-01T12:46:36.581Z[GMT]', csid: id, message: 'A sample note' },
      _type: 'BulkActionSuccess',
    });
    expect(data[1]).toEqual({
      data: { id: expect.stringMatching(UUID), authorId: IDS.tokenUserId, createdAt: '2026-01-01T00:00:00.123Z[GMT]', csid: id, message: 'Another sample note' },
      _type: 'BulkActionSuccess',
    });
    expect(data[2]).toEqual({ error: { message: `An agent with id:${UNKNOWN_AGENT} cannot be found in org.` }, _type: 'BulkActionFailure' });
    expect(data[3]).toEqual({ error: { message: 'Invalid date format' }, _type: 'BulkActionFailure' });
    const listed = expectData(await api(base(), 'GET', `/v1/conversations/${id}/notes`), 200);
    expect(listed.map((n: { message: string }) => n.message)).toEqual(['A sample note', 'Another sample note']);
  });

  it('9. `data` is not marked required: a body without it creates nothing and answers {"data":[]}', async () => {
    const id = await createConversation(base());
    expect(expectData(await addBulk(id, {}), 200)).toEqual([]);
  });

  it.each([
    ['bad JSON', '{"data":['],
    ['data not an array', '{"data":{"message":"x"}}'],
    ['an item without message', '{"data":[{"message":"ok"},{"agentId":"a53b25da-f676-4c52-acac-58c9280aa23d"}]}'],
    ['an item with a bad agentId', '{"data":[{"message":"x","agentId":"dale"}]}'],
  ])('10. 400 B: %s (nothing is stored)', async (_name, raw) => {
    const id = await createConversation(base());
    expectMessage(await api(base(), 'POST', `/v1/conversations/${id}/notes/bulk`, { raw, headers: { 'Content-Type': 'application/json' } }), 400, B);
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}/notes`), 200)).toEqual([]);
  });
});

describe('3.3 list internal notes', () => {
  it('11. sorted oldest to newest by createdAt, timestamps without millis, csid = the conversation id', async () => {
    const id = await createConversation(base());
    await addNote(id, { message: 'now' });
    await addNote(id, { message: 'back-dated', createdAt: '2021-01-20T09:00:00.999Z' });
    server().advance(5_000);
    await addNote(id, { message: 'later' });
    const notes = expectData(await api(base(), 'GET', `/v1/conversations/${id}/notes`), 200);
    expect(notes.map((n: { message: string }) => n.message)).toEqual(['back-dated', 'now', 'later']);
    expect(notes.map((n: { createdAt: string }) => n.createdAt)).toEqual(['2021-01-20T09:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z']);
    for (const note of notes) {
      expect(Object.keys(note).sort()).toEqual(['authorId', 'createdAt', 'csid', 'id', 'message']);
      expect(note.csid).toBe(id);
      expect(note.createdAt).toMatch(SECONDS_Z);
    }
  });

  it('12. the seeded conversation 1 lists its note', async () => {
    expect(expectData(await api(base(), 'GET', '/v1/conversations/1/notes'), 200)).toEqual([
      { id: '3346b99c-8128-4276-ac40-5f30c959e5e7', authorId: IDS.agentId, createdAt: '2021-12-01T12:45:00Z', csid: 1, message: 'A note to remember' },
    ]);
  });
});
