import { describe, expect, it } from 'vitest';
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';
import { settleTimes, type IssuedWrite } from '../../../bench/support/chaos/settle';

let seq = 0;
function write(route: string, id: string, atMs: number, fields: Partial<LoggedWrite> = {}): LoggedWrite {
  seq++;
  const at = new Date(atMs).toISOString();
  return { id, conversationId: null, version: null, messageIds: [], seq, at, received: seq, receivedAt: at, method: route.split(' ')[0]!, route, requestId: `r${seq}`, fault: null, ...fields };
}

describe('when a write of the chaos program took effect', () => {
  it('an event of a conversation deleted later settles with the delete: the outbox drops it, as it must', () => {
    const issued: IssuedWrite[] = [
      { op: { kind: 'log', tab: 0, conversationId: 'c1', version: 1, messages: 2 } as never, issuedAt: 1_000 },
      { op: { kind: 'event', tab: 0, conversationId: 'c1', eventId: 'e1' }, issuedAt: 1_100 },
      { op: { kind: 'delete', tab: 0, conversationId: 'c1' }, issuedAt: 1_200 },
    ];
    const writes = [write('POST /conversations', 'c1', 1_050, { version: 1 }), write('DELETE /conversations/{id}', 'c1', 1_300)];
    expect(settleTimes(issued, writes)).toEqual([1_050, 1_300, 1_300]);
  });

  it('an event of a kept conversation settles only when it arrives', () => {
    const issued: IssuedWrite[] = [{ op: { kind: 'event', tab: 0, conversationId: 'c2', eventId: 'e2' }, issuedAt: 2_000 }];
    expect(settleTimes(issued, [])).toEqual([undefined]);
    expect(settleTimes(issued, [write('POST /events', 'e2', 2_400)])).toEqual([2_400]);
  });
});
