// The poller of a handoff's events: when it asks (the server's pollAfterMs, backoff on
// failure, Retry-After, stop on null or a handoff the server no longer has) and that it
// hands out each event id once, through a reset or a repeated answer.
import { describe, expect, it, vi } from 'vitest';
import { HttpError, NetworkError, type ConfabError } from '../../../src/sdk/http/errors';
import type { HandoffEvent, HandoffEvents } from '../../../src/sdk/handoff/handoff-answers';
import { createHandoffPoller } from '../../../src/sdk/handoff/handoff-poller';
import { createFakeClock } from '../../support/fake-clock';

const handoff = { conversationId: 'conv_1', status: 'open' as const, ticketId: '100', agent: undefined, closedBy: undefined, pending: 0, notice: undefined, rating: undefined, anonymization: undefined };
const joined = (seq: number): HandoffEvent => ({ seq, id: `e${seq}`, at: '2026-01-01T00:00:00Z', type: 'agent_left' });
const answer = (events: HandoffEvent[], pollAfterMs: number | undefined, extra: Partial<HandoffEvents> = {}): HandoffEvents => ({
  handoff,
  events,
  cursor: String(events.at(-1)?.seq ?? 0),
  pollAfterMs,
  reset: undefined,
  ...extra,
});
const notFound = () => new HttpError({ status: 404, title: 'Not Found', detail: 'No handoff.', code: 'handoff_not_found', type: 'about:blank', instance: undefined, requestId: undefined, raw: undefined } as never);

/** A poller over scripted answers; `asked` holds the cursor of each call and when it came. */
function setup(script: Array<HandoffEvents | Error>) {
  const clock = createFakeClock(0);
  const asked: Array<{ cursor: string; at: number }> = [];
  const handed: string[][] = [];
  const errors: Array<{ error: ConfabError; stopped: boolean }> = [];
  const events = vi.fn(async (_id: string, cursor: string) => {
    asked.push({ cursor, at: clock.now() });
    const next = script.shift();
    if (!next) throw new Error('no more answers scripted');
    if (next instanceof Error) throw next;
    return next;
  });
  const poller = createHandoffPoller({
    client: { events },
    conversationId: 'conv_1',
    clock,
    onEvents: (list) => void handed.push(list.map((event) => event.id)),
    onError: (error, stopped) => void errors.push({ error, stopped }),
  });
  return { clock, asked, handed, errors, poller };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createHandoffPoller', () => {
  it('1. asks at once, then after pollAfterMs, from the last cursor; null stops it', async () => {
    const { clock, asked, handed, poller } = setup([answer([joined(1), joined(2)], 3_000), answer([joined(3)], 30_000), answer([], null as never)]);
    poller.wake();
    await settle();
    clock.advance(2_999);
    expect(asked).toHaveLength(1);
    clock.advance(1);
    await settle();
    clock.advance(30_000);
    await settle();
    expect(asked).toEqual([{ cursor: '0', at: 0 }, { cursor: '2', at: 3_000 }, { cursor: '3', at: 33_000 }]);
    expect(handed).toEqual([['e1', 'e2'], ['e3'], []]);
    expect(poller.stopped).toBe(true);
    expect(clock.timers).toEqual([]);
  });

  it('2. a reset or a repeated answer never hands out an event id twice', async () => {
    const { clock, handed, poller } = setup([answer([joined(1), joined(2)], 3_000), answer([joined(1), joined(2), joined(3)], 3_000, { reset: true })]);
    poller.wake();
    await settle();
    clock.advance(3_000);
    await settle();
    expect(handed).toEqual([['e1', 'e2'], ['e3']]);
  });

  it('3. failures back off 2 s, 4 s, 8 s…, each reported; Retry-After wins; success resets the backoff', async () => {
    const busy = new HttpError({ status: 503, title: 'Unavailable', detail: 'Restarting.', code: 'shutting_down' } as never, { retryAfterMs: 10_000 });
    const { clock, asked, errors, poller } = setup([new NetworkError('down'), new NetworkError('down'), busy, answer([], 3_000), new NetworkError('down')]);
    poller.wake();
    for (const step of [2_000, 4_000, 10_000, 3_000]) {
      await settle();
      clock.advance(step);
    }
    await settle();
    expect(asked.map(({ at }) => at)).toEqual([0, 2_000, 6_000, 16_000, 19_000]);
    expect(errors.map(({ error, stopped }) => [error.code, stopped])).toEqual([['network_error', false], ['network_error', false], ['shutting_down', false], ['network_error', false]]);
    expect(clock.timers.map(({ at }) => at)).toEqual([21_000]);
    poller.stop();
  });

  it('4. handoff_not_found ends the polling, reported as final', async () => {
    const { clock, errors, poller } = setup([notFound()]);
    poller.wake();
    await settle();
    expect(errors.map(({ error, stopped }) => [error.code, stopped])).toEqual([['handoff_not_found', true]]);
    expect(poller.stopped).toBe(true);
    expect(clock.timers).toEqual([]);
  });

  it('5. wake() during a poll asks once more right after it, not twice at once', async () => {
    const { clock, asked, poller } = setup([answer([], 30_000), answer([], 30_000)]);
    poller.wake();
    poller.wake();
    await settle();
    clock.advance(0);
    await settle();
    expect(asked.map(({ at }) => at)).toEqual([0, 0]);
    expect(clock.timers.map(({ at }) => at)).toEqual([30_000]);
  });
});
