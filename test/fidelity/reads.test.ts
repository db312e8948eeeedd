// Issue 11, "Fidelity to the official models": confab's direct client must read whatever the
// official models accept as an answer of the analytics API (a response the official SDK takes
// and confab refused would throw invalid_response after the server stored the write).
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  ConversationListSchema,
  ConversationSchema,
  DeleteResultSchema,
  FeedbackSchema,
  FeedbackWithContextSchema,
  FeedbackListSchema,
  SelectEventSchema,
} from '../../src/sdk/analytics/schemas';
import { createAnalyticsClient } from '../../src/sdk/analytics/create-analytics-client';
import { createFakeFetch, json } from '../support/fake-fetch';
import { RESPONSE_MODELS, sampleOf, samplesOf } from './official-models';

const READS: Record<keyof typeof RESPONSE_MODELS, z.ZodMiniType> = {
  'POST /conversations': ConversationSchema,
  'GET /conversations/{id}': ConversationSchema,
  'GET /conversations': ConversationListSchema,
  'DELETE /conversations/{id}': DeleteResultSchema,
  'POST /feedback': FeedbackSchema,
  'GET /feedback': FeedbackListSchema,
  'GET /feedback/{id}': FeedbackWithContextSchema,
  'POST /events': SelectEventSchema,
};

const rows = Object.entries(RESPONSE_MODELS).flatMap(([route, model], k) =>
  samplesOf(model as never).map(({ mode, sample }, m) => [`${k + 1}.${m + 1}`, route as keyof typeof READS, mode, sample] as const),
);

describe("confab's reads accept every answer the official models accept", () => {
  it.each(rows)('%s. %s, %s', (_n, route, _mode, sample) => {
    const result = z.safeParse(READS[route], sample);
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([]);
  });
});

describe('the direct client on official answers', () => {
  it('logFeedback resolves with an official feedback answer, which has no updatedAt', async () => {
    const answer = sampleOf(RESPONSE_MODELS['POST /feedback'] as never, 'required') as Record<string, unknown>;
    expect(answer).not.toHaveProperty('updatedAt');
    const client = createAnalyticsClient({ baseUrl: 'http://analytics.test', apiKey: 'k', fetch: createFakeFetch([json(200, answer)]).fetch });
    await expect(client.logFeedback({ type: 'positive', messageId: 'm1' })).resolves.toMatchObject({ id: answer['id'], type: answer['type'] });
  });

  it('getConversation resolves with an official conversation whose user has a numeric userId', async () => {
    const answer = sampleOf(RESPONSE_MODELS['GET /conversations/{id}'] as never, 'other options') as { userProperties: Record<string, unknown> };
    expect(typeof answer.userProperties['userId']).toBe('number');
    const client = createAnalyticsClient({ baseUrl: 'http://analytics.test', apiKey: 'k', fetch: createFakeFetch([json(200, answer)]).fetch });
    await expect(client.getConversation('c1')).resolves.toMatchObject({ userProperties: { userId: 7 } });
  });
});
