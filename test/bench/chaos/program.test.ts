// The chaos program: the same seed gives the same program, every run meets every accident,
// and the program never writes to a conversation it deleted or votes on a message not logged.
import { describe, expect, it } from 'vitest';
import { makeProgram, messageIdsAt, TABS } from '../../../bench/support/chaos/program';
import { settleTimes } from '../../../bench/support/chaos/settle';
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';

describe('makeProgram', () => {
  it('1. is a function of the seed', () => {
    expect(makeProgram(5, 300)).toEqual(makeProgram(5, 300));
    expect(makeProgram(6, 300)).not.toEqual(makeProgram(5, 300));
  });

  it.each([1, 2, 3, 4, 5])('2. seed %i: every kind of operation and accident, on every tab', (seed) => {
    const program = makeProgram(seed, 200);
    expect(program.filter((op) => op.kind !== 'reload' && op.kind !== 'kill' && op.kind !== 'restart' && op.kind !== 'pause')).toHaveLength(200);
    expect(new Set(program.map((op) => op.kind))).toEqual(new Set(['log', 'vote', 'event', 'delete', 'flush', 'reload', 'kill', 'restart', 'pause']));
    expect(new Set(program.flatMap((op) => ('tab' in op ? [op.tab] : [])))).toEqual(new Set(Array.from({ length: TABS }, (_, tab) => tab)));
  });

  it.each([1, 2, 3])('3. seed %i: versions grow by one, nothing follows a delete, votes are on logged answers', (seed) => {
    const versions = new Map<string, number>();
    const deleted = new Set<string>();
    for (const op of makeProgram(seed, 1_000)) {
      if (!('conversationId' in op)) continue;
      expect(deleted.has(op.conversationId)).toBe(false);
      const version = versions.get(op.conversationId) ?? 0;
      if (op.kind === 'log' || op.kind === 'kill') {
        expect(op.version).toBe(version + 1);
        versions.set(op.conversationId, op.version);
      } else {
        expect(version).toBeGreaterThan(0);
      }
      if (op.kind === 'vote') expect(messageIdsAt(op.conversationId, version).filter((_, i) => i % 2 === 1)).toContain(op.messageId);
      if (op.kind === 'delete') deleted.add(op.conversationId);
    }
  });
});

describe('settleTimes', () => {
  const write = (seq: number, route: string, id: string, version: number | null = null): LoggedWrite => ({
    seq, at: new Date(seq * 1_000).toISOString(), received: seq, receivedAt: new Date(seq * 1_000).toISOString(), method: route.split(' ')[0] ?? '', route, requestId: '', fault: null, id, conversationId: id, version, messageIds: [],
  });

  it('4. a write takes effect with itself or anything newer of its record, or with the delete of its conversation', () => {
    const log = (version: number) => ({ op: { kind: 'log' as const, tab: 0, conversationId: 'a', version, big: false }, issuedAt: 0 });
    const issued = [log(1), log(2), log(3), { op: { kind: 'event' as const, tab: 0, conversationId: 'a', eventId: 'e1' }, issuedAt: 0 }];
    expect(settleTimes(issued, [write(5, 'POST /conversations', 'a', 2), write(9, 'POST /conversations', 'a', 1)])).toEqual([5_000, 5_000, undefined, undefined]);
    const deleted = [...issued.slice(0, 3), { op: { kind: 'delete' as const, tab: 0, conversationId: 'a' }, issuedAt: 6_000 }];
    expect(settleTimes(deleted, [write(5, 'POST /conversations', 'a', 2), write(7, 'DELETE /conversations/{id}', 'a')])).toEqual([5_000, 5_000, 7_000, 7_000]);
    expect(settleTimes(deleted, [])).toEqual([6_000, 6_000, 6_000, 6_000]);
  });
});
