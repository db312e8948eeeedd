import { describe, expect, it } from 'vitest';
import { HttpError, ValidationError } from '../../../../src/sdk/http/errors';
import { json } from '../../../support/fake-fetch';
import { BASE_URL, pulseError, setup, USER } from './helpers';

const success = () => json(200, { result: 'success' });
const bodyOf = (body: string | undefined): unknown => JSON.parse(body ?? 'null');

describe('stop (§6)', () => {
  it('posts the user to /chat-messages/{task_id}/stop', async () => {
    const { fake, provider } = setup([success()]);
    await provider.stop?.('9714535b-615e-4ed4-bb63-888e3eda439d');
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `${BASE_URL}/chat-messages/9714535b-615e-4ed4-bb63-888e3eda439d/stop` });
    expect(bodyOf(fake.requests[0]?.body)).toEqual({ user: USER });
  });

  it('an error answer is an HttpError', async () => {
    const { provider } = setup([pulseError(400, 'not_chat_app', 'Please check if your app mode matches the right API route.')]);
    await expect(provider.stop?.('t')).rejects.toMatchObject({ code: 'not_chat_app', status: 400 });
  });
});

describe('feedback (§8)', () => {
  it.each([
    ['positive', 'like'],
    ['negative', 'dislike'],
    [null, null],
  ] as const)('%s is sent as rating %s', async (rating, wire) => {
    const { fake, provider } = setup([success()]);
    await provider.feedback?.('m-1', rating);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages/m-1/feedbacks' });
    expect(bodyOf(fake.requests[0]?.body)).toEqual({ rating: wire, user: USER });
  });

  it('a comment is sent as content', async () => {
    const { fake, provider } = setup([success()]);
    await provider.feedback?.('m-1', 'negative', 'Out of date');
    expect(bodyOf(fake.requests[0]?.body)).toEqual({ rating: 'dislike', user: USER, content: 'Out of date' });
  });

  it('a message of another user is an HttpError not_found', async () => {
    const { provider } = setup([pulseError(404, 'not_found', 'Message Not Exists.')]);
    await expect(provider.feedback?.('m-1', 'positive')).rejects.toMatchObject({ code: 'not_found', detail: 'Message Not Exists.' });
  });

  it('ids are escaped into the path', async () => {
    const { fake, provider } = setup([success()]);
    await provider.feedback?.('a/b?c', 'positive');
    expect(fake.requests[0]?.url).toBe(`${BASE_URL}/messages/a%2Fb%3Fc/feedbacks`);
  });
});

describe('suggestions (§9)', () => {
  it('returns the data of /messages/{id}/suggested for the user', async () => {
    const { fake, provider } = setup([json(200, { result: 'success', data: ['How do I log out?', 'Where is 2FA?'] })]);
    await expect(provider.suggestions?.('m-1')).resolves.toEqual(['How do I log out?', 'Where is 2FA?']);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${BASE_URL}/messages/m-1/suggested?user=visitor-42` });
  });

  it('"Suggested Questions Is Disabled." is an empty list, not an error', async () => {
    const { provider } = setup([pulseError(400, 'bad_request', 'Suggested Questions Is Disabled.')]);
    await expect(provider.suggestions?.('m-1')).resolves.toEqual([]);
  });

  it('any other 400 stays an error', async () => {
    const { provider } = setup([pulseError(400, 'not_chat_app', 'Please check if your app mode matches the right API route.')]);
    await expect(provider.suggestions?.('m-1')).rejects.toBeInstanceOf(HttpError);
  });

  it('a response without data is a ValidationError', async () => {
    const { provider } = setup([json(200, { result: 'success' })]);
    const error = await provider.suggestions?.('m-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'invalid_response', message: expect.stringContaining('data:') });
  });

  it('passes the signal on', async () => {
    const controller = new AbortController();
    controller.abort(new Error('closed'));
    const { provider } = setup([json(200, { data: [] })]);
    await expect(provider.suggestions?.('m-1', controller.signal)).rejects.toThrow('closed');
  });
});

describe('welcome (§15 /parameters)', () => {
  it('opening statement and suggested questions become the welcome text and starters', async () => {
    const { fake, provider } = setup([
      json(200, {
        opening_statement: 'Hi! Ask me anything about your account.',
        suggested_questions: ['How do I reset my password?', '', 'Where is my invoice?'],
        suggested_questions_after_answer: { enabled: true },
        user_input_form: [],
      }),
    ]);
    await expect(provider.welcome?.()).resolves.toEqual({ text: 'Hi! Ask me anything about your account.', starters: ['How do I reset my password?', 'Where is my invoice?'] });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${BASE_URL}/parameters` });
  });

  it('an empty opening statement and no questions give no text and no starters', async () => {
    const { provider } = setup([json(200, { opening_statement: '', suggested_questions: null })]);
    const welcome = await provider.welcome?.();
    expect(welcome).toEqual({ starters: [] });
    expect(welcome?.text).toBeUndefined();
  });

  it('a malformed answer is a ValidationError', async () => {
    const { provider } = setup([json(200, { opening_statement: 7 })]);
    await expect(provider.welcome?.()).rejects.toMatchObject({ code: 'invalid_response', message: expect.stringContaining('opening_statement') });
  });
});
