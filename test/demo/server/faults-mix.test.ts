// The seeded fault mix: each kind does what it says at the server, and a seed replays the
// same faults request for request.
import { describe, expect, it, vi } from 'vitest';
import { createFaultMix, mixSchema, MIX_FAULTS, type MixDecision, type MixFault, type MixSpec } from '../../../demo/server/faults-mix';
import { call, expectProblem, gatesWaiting, openaiConversation, post, useGatedAnalytics } from './fixtures';

const server = useGatedAnalytics();
const conversationsUrl = () => `${server().baseUrl}/conversations`;
const only = (kind: MixFault) => Object.fromEntries(MIX_FAULTS.map((other) => [other, other === kind ? 1 : 0]));
const decisions = (spec: MixSpec, count: number) => {
  const mix = createFaultMix(mixSchema.parse(spec));
  return Array.from({ length: count }, () => mix.next());
};

/** What a client and the server see of one request: its status or a reset, and whether it was applied. */
interface Outcome {
  status: number | 'reset';
  applied: boolean;
}

function expectedOutcome(decision: MixDecision | undefined): Outcome {
  switch (decision?.kind) {
    case undefined:
    case 'slow':
      return { status: 200, applied: true };
    case 'late':
      return { status: 'reset', applied: true };
    case 'serverError':
      return { status: decision.status, applied: false };
    case 'rateLimited':
      return { status: 429, applied: false };
    case 'resetBefore':
      return { status: 'reset', applied: false };
    case 'resetAfter':
      return { status: 'reset', applied: true };
  }
}

/** Sends conversation `id`; a held request is released at once, after its client gave up when `late`. */
async function send(id: string, decision: MixDecision | undefined): Promise<Outcome> {
  const { gates, analytics } = server();
  const client = new AbortController();
  const sent = post(conversationsUrl(), openaiConversation({ id }), client.signal).then(
    (response) => response.status,
    () => 'reset' as const,
  );
  if (decision?.kind === 'slow' || decision?.kind === 'late') {
    await gatesWaiting(gates, 1);
    if (decision.kind === 'late') client.abort();
    gates.splice(0)[0]?.release();
  }
  const status = await sent;
  if (status !== 'reset' && status !== 200) return { status, applied: false };
  await vi.waitFor(() => expect(analytics.faults.snapshot().held).toBe(0));
  return { status, applied: analytics.state.conversations.has(id) };
}

describe('the fault mix', () => {
  it('1. a seed gives the same decisions every time; about `rate` of the requests are faulted, with every kind', () => {
    const spec = { rate: 0.3, seed: 42 };
    const first = decisions(spec, 400);
    expect(decisions(spec, 400)).toEqual(first);
    expect(decisions({ ...spec, seed: 43 }, 400)).not.toEqual(first);
    const faulted = first.filter((decision) => decision !== undefined);
    expect(faulted.length).toBeGreaterThan(80);
    expect(faulted.length).toBeLessThan(160);
    expect(new Set(faulted.map((decision) => decision.kind))).toEqual(new Set(MIX_FAULTS));
  });

  it('2. holds are drawn within their spans, statuses from the list', () => {
    const spec = { rate: 1, seed: 3, statuses: [502], slowMs: { min: 10, max: 20 }, lateMs: { min: 3_000, max: 3_500 } };
    for (const decision of decisions(spec, 300)) {
      if (decision?.kind === 'slow') expect(decision.ms).toSatisfy((ms: number) => ms >= 10 && ms <= 20);
      if (decision?.kind === 'late') expect(decision.ms).toSatisfy((ms: number) => ms >= 3_000 && ms <= 3_500);
      if (decision?.kind === 'serverError') expect(decision.status).toBe(502);
    }
  });

  it.each([
    ['serverError', { status: 502, applied: false }, null],
    ['rateLimited', { status: 429, applied: false }, null],
    ['resetBefore', { status: 'reset', applied: false }, null],
    ['resetAfter', { status: 'reset', applied: true }, 'resetAfter'],
    ['slow', { status: 200, applied: true }, 'slow'],
    ['late', { status: 'reset', applied: true }, 'late'],
  ] as const)('3. %s: the client sees %o; the request log names the fault that let it through', async (kind, outcome, fault) => {
    const { analytics } = server();
    analytics.faults.mix({ rate: 1, seed: 1, weights: only(kind), statuses: [502], retryAfter: '3' });
    const [decision] = decisions({ rate: 1, seed: 1, weights: only(kind), statuses: [502] }, 1);
    expect(decision?.kind).toBe(kind);
    expect(await send('c1', decision)).toEqual(outcome);
    expect(analytics.requestLog.entries().map((write) => write.fault)).toEqual(outcome.applied ? [fault] : []);
    expect(analytics.faults.snapshot().mix?.injected[kind]).toBe(1);
  });

  it('4. a 429 carries Retry-After, a 5xx a problem body; both say the mix injected them', async () => {
    server().analytics.faults.mix({ rate: 1, seed: 1, weights: only('rateLimited'), retryAfter: '3' });
    const limited = await call(server().baseUrl, 'POST', '/conversations', { body: openaiConversation() });
    expectProblem(limited, 429, 'too_many_requests', 'Too Many Requests', '/api/analytics/conversations');
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.json.detail).toBe('Injected fault (mix).');
    server().analytics.faults.mix({ rate: 1, seed: 1, weights: only('serverError'), statuses: [504] });
    expectProblem(await call(server().baseUrl, 'GET', '/conversations'), 504, 'gateway_timeout', 'Gateway Timeout', '/api/analytics/conversations');
  });

  it('5. over HTTP, a seeded mix faults the requests its seed says, request for request', async () => {
    const spec = { rate: 0.5, seed: 11, slowMs: { min: 1, max: 5 }, lateMs: { min: 20_000, max: 21_000 } };
    const set = await call(server().baseUrl, 'POST', '/__faults', { key: null, body: { mix: spec } });
    expect(set.status).toBe(200);
    const expected = decisions(spec, 24);
    const seen: Outcome[] = [];
    for (const [index, decision] of expected.entries()) seen.push(await send(`c${index}`, decision));
    expect(seen).toEqual(expected.map(expectedOutcome));
    expect(new Set(expected.map((decision) => decision?.kind ?? 'none')).size).toBeGreaterThan(4);
    const mix = server().analytics.faults.snapshot().mix;
    expect(mix?.requests).toBe(24);
    expect(Object.values(mix?.injected ?? {}).reduce((sum, count) => sum + count, 0)).toBe(expected.filter(Boolean).length);
  });

  it.each([
    ['an unknown kind', { rate: 0.3, seed: 1, weights: { timeout: 1 } }, 'mix.weights'],
    ['a status that is not a 5xx', { rate: 0.3, seed: 1, statuses: [404] }, 'mix.statuses'],
    ['a span whose min exceeds its max', { rate: 0.3, seed: 1, lateMs: { min: 5, max: 1 } }, 'min must not exceed max'],
    ['a rate above 1', { rate: 1.5, seed: 1 }, 'mix.rate'],
  ])('6. 422 for %s', async (_name, mix, text) => {
    const reply = await call(server().baseUrl, 'POST', '/__faults', { key: null, body: { mix } });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/__faults');
    expect(reply.json.detail).toContain(text);
  });

  it('7. rate 0, or weights that are all 0, turn the mix off', () => {
    const { faults } = server().analytics;
    faults.mix({ rate: 0.5, seed: 1, weights: only('slow') });
    expect(faults.snapshot().mix).not.toBeNull();
    faults.mix({ rate: 0, seed: 1 });
    expect(faults.snapshot().mix).toBeNull();
    expect(decisions({ rate: 1, seed: 1, weights: { serverError: 0, rateLimited: 0, resetBefore: 0, resetAfter: 0, slow: 0, late: 0 } }, 20)).toEqual(
      Array.from({ length: 20 }, () => undefined),
    );
  });
});
