// The chaos run's counts at the server, on hand-made request logs and states: each failure
// the run looks for is counted once, and a clean run counts nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';
import { countAtServer, type ServerState } from '../../../bench/support/chaos/count';
import { modelOf } from '../../../bench/support/chaos/model';
import { messageIdsAt, type ChaosOp } from '../../../bench/support/chaos/program';

const log = (...ops: ChaosOp[]) => ops;
const logOp = (conversationId: string, version: number): ChaosOp => ({ kind: 'log', tab: 0, conversationId, version, big: false });
const vote = (conversationId: string, answer: number, version: number): ChaosOp => ({ kind: 'vote', tab: 0, conversationId, messageId: `${conversationId}-m${answer}`, version, type: 'positive' });

let seq = 0;
function write(route: string, id: string, fields: Partial<LoggedWrite> = {}): LoggedWrite {
  seq += 1;
  const at = new Date(1_000_000 + seq).toISOString();
  return { seq, at, received: seq, receivedAt: at, method: route.split(' ')[0] ?? 'POST', route, requestId: `req_${seq}`, fault: null, id, conversationId: null, version: null, messageIds: [], ...fields };
}
const upsert = (id: string, version: number, fields: Partial<LoggedWrite> = {}) => write('POST /conversations', id, { conversationId: id, version, messageIds: messageIdsAt(id, version), ...fields });
const remove = (id: string, fields: Partial<LoggedWrite> = {}) => write('DELETE /conversations/{id}', id, { method: 'DELETE', conversationId: id, ...fields });
const feedback = (messageId: string, version: number, fields: Partial<LoggedWrite> = {}) => write('POST /feedback', `fb_${messageId}`, { version, messageIds: [messageId], ...fields });
const event = (id: string, conversationId: string) => write('POST /events', id, { conversationId });

const held = (id: string, version: number) => ({ id, properties: { version }, messages: messageIdsAt(id, version).map((m) => ({ id: m })) });
const state = (fields: Partial<ServerState> = {}): ServerState => ({ conversations: [], feedback: [], events: [], ...fields });

describe('countAtServer', () => {
  beforeEach(() => {
    seq = 0;
  });

  it('1. a clean run counts nothing', () => {
    const model = modelOf(log(logOp('a', 1), vote('a', 1, 1), logOp('a', 2), { kind: 'event', tab: 0, conversationId: 'a', eventId: 'e1' }, logOp('b', 1), vote('b', 1, 1), { kind: 'delete', tab: 0, conversationId: 'b' }));
    const writes = [upsert('a', 1), feedback('a-m1', 1), upsert('b', 1), upsert('a', 2), event('e1', 'a'), feedback('b-m1', 1), remove('b')];
    const { counts, examples } = countAtServer(model, writes, state({ conversations: [held('a', 2)], feedback: [{ id: 'fb_a-m1', messageId: 'a-m1', properties: { version: 1 } }], events: [{ id: 'e1' }] }));
    expect(counts).toEqual({
      lost: 0,
      lostConversations: 0,
      presentThoughDeleted: 0,
      lostVotes: 0,
      lostEvents: 0,
      olderAfterNewer: 0,
      olderAfterNewerConversations: 0,
      lateOverNewer: 0,
      outlivingDelete: 0,
      lateAfterDelete: 0,
      deletes: 1,
      duplicates: 0,
    });
    expect(examples).toEqual([]);
  });

  it('2. a late commit of v1 after v2 (v1 reached the server first): applied late, and lost unless v2 is delivered again', () => {
    const model = modelOf(log(logOp('a', 1), logOp('a', 2)));
    const writes = [upsert('a', 2, { received: 2 }), upsert('a', 1, { received: 1, fault: 'late' })];
    const lost = countAtServer(model, writes, state({ conversations: [held('a', 1)] }));
    expect(lost.counts).toMatchObject({ lost: 1, lostConversations: 1, olderAfterNewer: 0, lateOverNewer: 1 });
    expect(lost.examples).toEqual(['conversation lost: a: the server holds v1, the newest written is v2', 'applied late over a newer version: a: v1 applied at #2 (late) after v2']);
    const again = countAtServer(model, [...writes, upsert('a', 2, { received: 3 })], state({ conversations: [held('a', 2)] }));
    expect(again.counts).toMatchObject({ lost: 0, olderAfterNewer: 0, lateOverNewer: 1, duplicates: 1 });
  });

  it('3. v1 sent after v2 (it reached the server after v2): older after newer, even though v2 is delivered again', () => {
    const model = modelOf(log(logOp('a', 1), logOp('a', 2)));
    const writes = [upsert('a', 2), upsert('a', 1), upsert('a', 2)];
    const { counts, examples } = countAtServer(model, writes, state({ conversations: [held('a', 2)] }));
    expect(counts).toMatchObject({ lost: 0, olderAfterNewer: 1, olderAfterNewerConversations: 1, lateOverNewer: 0 });
    expect(examples).toEqual(['older after newer: a: v1 reached the server (request 2) after v2']);
  });

  it('4. lost conversations, votes and events: missing, or an older vote', () => {
    const model = modelOf(log(logOp('a', 1), logOp('b', 1), vote('b', 1, 1), vote('b', 1, 2), { kind: 'event', tab: 0, conversationId: 'b', eventId: 'e1' }));
    const { counts } = countAtServer(model, [upsert('b', 1), feedback('b-m1', 1)], state({ conversations: [held('b', 1)], feedback: [{ id: 'fb_b-m1', messageId: 'b-m1', properties: { version: 1 } }] }));
    expect(counts).toMatchObject({ lost: 3, lostConversations: 1, lostVotes: 1, lostEvents: 1 });
  });

  it('5. a deleted conversation: an upsert sent after its DELETE outlives it; a vote sent before but applied after is late, and left, outlives it', () => {
    const model = modelOf(log(logOp('a', 2), vote('a', 1, 1), vote('a', 3, 1), { kind: 'delete', tab: 0, conversationId: 'a' }));
    const writes = [upsert('a', 2, { received: 1 }), remove('a', { received: 3 }), feedback('a-m1', 1, { received: 2, fault: 'late' }), upsert('a', 2, { received: 4 })];
    const { counts, examples } = countAtServer(model, writes, state({ conversations: [held('a', 2)], feedback: [{ id: 'fb_a-m1', messageId: 'a-m1' }] }));
    expect(counts).toMatchObject({ lost: 1, presentThoughDeleted: 1, outlivingDelete: 2, lateAfterDelete: 1, deletes: 1, duplicates: 1 });
    expect(examples).toEqual([
      'present though deleted: a at v2',
      'applied late after a delete: POST /feedback fb_a-m1 applied at #3 (late) after DELETE a at #2',
      'outliving a delete: POST /conversations a reached the server (request 4) after DELETE a (request 3)',
      'outliving a delete: feedback fb_a-m1 left on deleted a',
    ]);
  });

  it('6. a vote left on a deleted conversation the server never had (its DELETE was a 404) outlives it', () => {
    const model = modelOf(log(logOp('a', 1), vote('a', 1, 1), { kind: 'delete', tab: 0, conversationId: 'a' }));
    const { counts, examples } = countAtServer(model, [feedback('a-m1', 1)], state({ feedback: [{ id: 'fb_a-m1', messageId: 'a-m1', properties: { version: 1 } }] }));
    expect(counts).toMatchObject({ lost: 0, outlivingDelete: 1 });
    expect(examples).toEqual(['outliving a delete: feedback fb_a-m1 left on deleted a']);
  });

  it('7. duplicates: every applied write beyond one per version, event and delete', () => {
    const model = modelOf(log(logOp('a', 1), vote('a', 1, 1), { kind: 'event', tab: 0, conversationId: 'a', eventId: 'e1' }, logOp('b', 1), { kind: 'delete', tab: 0, conversationId: 'b' }));
    const writes = [upsert('a', 1), upsert('a', 1), upsert('a', 1), feedback('a-m1', 1), feedback('a-m1', 1), event('e1', 'a'), event('e1', 'a'), remove('b'), remove('b')];
    expect(countAtServer(model, writes, state()).counts.duplicates).toBe(5);
  });
});
