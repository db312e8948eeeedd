import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/sdk/http/errors';
import { json } from '../../../support/fake-fetch';
import { BASE_URL, pulseError, setup, USER } from './helpers';

const bodyOf = (body: string | undefined): unknown => JSON.parse(body ?? 'null');
const conversation = (id: string, name: string, createdAt: number, updatedAt?: number) => ({
  id,
  name,
  inputs: {},
  status: 'normal',
  introduction: '',
  created_at: createdAt,
  ...(updatedAt === undefined ? {} : { updated_at: updatedAt }),
});

describe('list (§11)', () => {
  it('asks with user, limit and last_id, and maps seconds to milliseconds', async () => {
    const { fake, provider } = setup([
      json(200, { limit: 2, has_more: true, data: [conversation('c-2', 'Invoices', 1767225700, 1767225900), conversation('c-1', '', 1767225600)] }),
    ]);
    await expect(provider.conversations?.list({ limit: 2, after: 'c-3' })).resolves.toEqual({
      conversations: [
        { id: 'c-2', name: 'Invoices', createdAt: 1767225700_000, updatedAt: 1767225900_000 },
        { id: 'c-1', name: '', createdAt: 1767225600_000, updatedAt: 1767225600_000 },
      ],
      hasMore: true,
    });
    expect(fake.requests[0]?.url).toBe(`${BASE_URL}/conversations?user=visitor-42&limit=2&last_id=c-3`);
  });

  it('without a page asks with the user only', async () => {
    const { fake, provider } = setup([json(200, { limit: 20, has_more: false, data: [] })]);
    await expect(provider.conversations?.list()).resolves.toEqual({ conversations: [], hasMore: false });
    expect(fake.requests[0]?.url).toBe(`${BASE_URL}/conversations?user=visitor-42`);
  });

  it('a page without has_more is a ValidationError', async () => {
    const { provider } = setup([json(200, { data: [] })]);
    await expect(provider.conversations?.list()).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('rename (§13)', () => {
  it('posts name and user to /conversations/{id}/name', async () => {
    const { fake, provider } = setup([json(200, conversation('c-1', 'Password help', 1767225600, 1767225999))]);
    await provider.conversations?.rename('c-1', 'Password help');
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `${BASE_URL}/conversations/c-1/name` });
    expect(bodyOf(fake.requests[0]?.body)).toEqual({ name: 'Password help', user: USER });
  });

  it('an unknown conversation is an HttpError not_found', async () => {
    const { provider } = setup([pulseError(404, 'not_found', 'Conversation Not Exists.')]);
    await expect(provider.conversations?.rename('c-9', 'x')).rejects.toMatchObject({ status: 404, code: 'not_found', detail: 'Conversation Not Exists.' });
  });
});

describe('delete (§12)', () => {
  it.each([
    ['200 with a result', () => json(200, { result: 'success' })],
    ['204 without a body', () => new Response(null, { status: 204 })],
  ])('accepts %s', async (_name, answer) => {
    const { fake, provider } = setup([answer()]);
    await expect(provider.conversations?.delete('c-1')).resolves.toBeUndefined();
    expect(fake.requests[0]).toMatchObject({ method: 'DELETE', url: `${BASE_URL}/conversations/c-1`, headers: { 'content-type': 'application/json' } });
    expect(bodyOf(fake.requests[0]?.body)).toEqual({ user: USER });
  });

  it('an unknown conversation is an HttpError not_found', async () => {
    const { provider } = setup([pulseError(404, 'not_found', 'Conversation Not Exists.')]);
    await expect(provider.conversations?.delete('c-9')).rejects.toMatchObject({ code: 'not_found' });
  });
});
