// The outbox's sending half loads on demand (a chunk of its own in an app's build,
// src/sdk/analytics/outbox-runner.ts): a load that fails is tried again with backoff in the same page,
// reported once when it failed three times in a row while online (a file not deployed, a
// blocker), and what waits stays in the store, so
// the logs go out once the code can be loaded, without a new write or a reload.
import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../../src/sdk/analytics/outbox';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { logConversationRequest } from '../../../src/sdk/analytics/requests';
import { defaultRetryPolicy } from '../../../src/sdk/analytics/retry-policy';
import { ConfabError } from '../../../src/sdk/http/errors';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { queuedEntries } from '../../support/outbox-entries';

/** Lets the outbox's promise chains (store writes, the pass) settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loading the outbox sending code', () => {
  it('1. a failed load is tried again with backoff, reported once after three failures, and the log waiting is sent once it loads, with no new write', async () => {
    const clock = createFakeClock();
    const fake = createFakeFetch();
    const store = createMemoryOutboxStore();
    const onError = vi.fn();
    let available = false;
    const loadSendingCode = vi.fn(async () => {
      if (!available) throw new TypeError('Failed to fetch dynamically imported module: https://cdn.test/confab-outbox-pass-x.js');
      return import('../../../src/sdk/analytics/outbox-pass');
    });
    const outbox = createOutbox({
      http: { baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, clock },
      store,
      lockName: 'sending-code-test',
      locks: undefined,
      lease: undefined,
      clock,
      random: () => 0.5,
      lifecycle: createFakeLifecycle(),
      policy: defaultRetryPolicy,
      flushDelayMs: 100,
      keepaliveBudgetBytes: 60 * 1024,
      autoFlush: true,
      onError,
      loadSendingCode,
    });
    const body = JSON.stringify({ id: 'conv_1', type: 'openai', messages: [] });
    await outbox.enqueue({ key: 'conversation:conv_1', kind: 'logConversation', request: logConversationRequest(body), bytes: body.length, ticket: clock.now() * 1000, conversationId: 'conv_1' });
    clock.advance(100);
    await vi.waitFor(() => expect(loadSendingCode).toHaveBeenCalledOnce());
    await settled();
    // A network that blinks is not worth telling: the first failures are only tried again.
    expect(onError).not.toHaveBeenCalled();
    for (const attempt of [1, 2]) {
      clock.advance(defaultRetryPolicy.baseDelayMs * 2 ** attempt);
      await vi.waitFor(() => expect(loadSendingCode).toHaveBeenCalledTimes(attempt + 1));
      await settled();
    }
    // The third in a row while online (a file not deployed, a blocker) is told, once.
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce());
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(ConfabError);
    expect((onError.mock.calls[0]![0] as ConfabError).code).toBe('chunk_load_failed');
    expect(fake.requests).toEqual([]);
    expect(await queuedEntries(store)).toHaveLength(1);

    // Still failing at the next tries: no second report, the log still waits.
    const tries = loadSendingCode.mock.calls.length;
    clock.advance(defaultRetryPolicy.baseDelayMs * 4);
    await settled();
    expect(loadSendingCode.mock.calls.length, 'tried again without a new write').toBeGreaterThan(tries);
    expect(onError).toHaveBeenCalledOnce();

    // The code can be loaded again (the network is back): the next try sends the log.
    available = true;
    clock.advance(defaultRetryPolicy.maxDelayMs);
    await vi.waitFor(() => expect(fake.requests.map((request) => request.path)).toEqual(['/conversations']));
    await vi.waitFor(async () => expect(await queuedEntries(store)).toEqual([]));
    expect(onError).toHaveBeenCalledOnce();
    await outbox.close();
  });
});
