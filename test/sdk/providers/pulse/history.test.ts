import { describe, expect, it } from 'vitest';
import { json } from '../../../support/fake-fetch';
import { BASE_URL, pulseError, setup } from './helpers';

describe('history (§10)', () => {
  const turn = (id: string, createdAt: number, fields: Record<string, unknown> = {}) => ({
    id,
    conversation_id: 'c-1',
    parent_message_id: null,
    inputs: {},
    query: `Question ${id}`,
    answer: `Answer ${id}`,
    status: 'normal',
    error: null,
    message_files: [],
    feedback: null,
    retriever_resources: [],
    agent_thoughts: [],
    created_at: createdAt,
    extra_contents: [],
    ...fields,
  });

  it('walks the pages back to the start and flattens each turn, oldest first', async () => {
    const { fake, provider } = setup([
      // Newest page first; each page oldest → newest, as the server's code sends it.
      json(200, { limit: 100, has_more: true, data: [turn('m-3', 300, { feedback: { rating: 'like' } }), turn('m-4', 400, { status: 'error', answer: '', error: 'Rate limit reached' })] }),
      // This page in the docs' "reverse order": sorted by created_at anyway.
      json(200, { limit: 100, has_more: true, data: [turn('m-2', 200, { feedback: { rating: 'dislike' } }), turn('m-1b', 100)] }),
      json(200, {
        limit: 100,
        has_more: false,
        data: [turn('m-0', 50, { retriever_resources: [{ position: 1, document_name: 'faq.md', content: 'Snippet', score: 0.5 }] })],
      }),
    ]);
    const history = await provider.conversations?.history('c-1');

    expect(fake.requests.map((request) => request.url)).toEqual([
      `${BASE_URL}/messages?conversation_id=c-1&user=visitor-42&limit=100`,
      `${BASE_URL}/messages?conversation_id=c-1&user=visitor-42&limit=100&first_id=m-3`,
      `${BASE_URL}/messages?conversation_id=c-1&user=visitor-42&limit=100&first_id=m-1b`,
    ]);
    expect(history?.map((message) => `${message.role}:${message.content}`)).toEqual([
      'user:Question m-0',
      'assistant:Answer m-0',
      'user:Question m-1b',
      'assistant:Answer m-1b',
      'user:Question m-2',
      'assistant:Answer m-2',
      'user:Question m-3',
      'assistant:Answer m-3',
      'user:Question m-4',
      'assistant:',
    ]);
    expect(history?.slice(0, 2)).toEqual([
      { role: 'user', content: 'Question m-0', createdAt: 50_000 },
      {
        role: 'assistant',
        content: 'Answer m-0',
        providerMessageId: 'm-0',
        createdAt: 50_000,
        sources: [{ title: 'faq.md', description: 'Snippet', type: 'document' }],
        feedback: null,
      },
    ]);
    const answers = history?.filter((message) => message.role === 'assistant') ?? [];
    expect(answers.map((message) => [message.providerMessageId, message.feedback, message.error])).toEqual([
      ['m-0', null, undefined],
      ['m-1b', null, undefined],
      ['m-2', 'negative', undefined],
      ['m-3', 'positive', undefined],
      ['m-4', null, 'Rate limit reached'],
    ]);
    expect(history?.filter((message) => message.role === 'user').every((message) => message.providerMessageId === undefined)).toBe(true);
  });

  it('an error turn without error text still says it failed', async () => {
    const { provider } = setup([json(200, { limit: 100, has_more: false, data: [turn('m-1', 1, { status: 'error', error: null })] })]);
    const history = await provider.conversations?.history('c-1');
    expect(history?.[1]).toMatchObject({ role: 'assistant', error: 'The answer failed.' });
  });

  it('stops when a server says has_more but sends nothing older', async () => {
    const { fake, provider } = setup([
      json(200, { limit: 100, has_more: true, data: [turn('m-1', 1)] }),
      json(200, { limit: 100, has_more: true, data: [] }),
    ]);
    await expect(provider.conversations?.history('c-1')).resolves.toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
  });

  it('stops when the cursor does not move', async () => {
    const { fake, provider } = setup([
      json(200, { limit: 100, has_more: true, data: [turn('m-1', 1)] }),
      json(200, { limit: 100, has_more: true, data: [turn('m-1', 1)] }),
      json(200, { limit: 100, has_more: false, data: [] }),
    ]);
    await provider.conversations?.history('c-1');
    expect(fake.requests).toHaveLength(2);
  });

  it('an unknown conversation is an HttpError not_found', async () => {
    const { provider } = setup([pulseError(404, 'not_found', 'Conversation Not Exists.')]);
    await expect(provider.conversations?.history('c-9')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a turn without created_at is a ValidationError naming it', async () => {
    const { provider } = setup([json(200, { has_more: false, data: [{ id: 'm-1', query: 'q', answer: 'a' }] })]);
    await expect(provider.conversations?.history('c-1')).rejects.toMatchObject({ code: 'invalid_response', message: expect.stringContaining('data.0.created_at') });
  });
});
