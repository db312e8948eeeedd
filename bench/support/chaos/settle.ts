/**
 * When each write of the program took effect at the server: the first applied write that
 * carries it or supersedes it (a newer version of the same record, or the delete of its
 * conversation). The run's throughput under faults is read from these times.
 */
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';
import { feedbackIdOf } from './model';
import type { WriteOp } from './program';

/** A write of the program and when its call resolved (durably queued), epoch ms. */
export interface IssuedWrite {
  op: WriteOp;
  issuedAt: number;
}

const at = (write: LoggedWrite) => Date.parse(write.at);

/** For each issued write, when it took effect at the server (epoch ms), or undefined if it never did. */
export function settleTimes(issued: readonly IssuedWrite[], writes: readonly LoggedWrite[]): Array<number | undefined> {
  const byId = new Map<string, LoggedWrite[]>();
  for (const write of writes) byId.set(write.id, [...(byId.get(write.id) ?? []), write]);
  const of = (id: string, route: string) => (byId.get(id) ?? []).filter((write) => write.route === route);
  const deleteOf = (conversationId: string, after: number) => of(conversationId, 'DELETE /conversations/{id}').find((write) => at(write) >= after);
  const first = (write: LoggedWrite | undefined, ...others: Array<number | undefined>) => {
    const times = [write === undefined ? undefined : at(write), ...others].filter((time) => time !== undefined);
    return times.length > 0 ? Math.min(...times) : undefined;
  };
  const atLeast = (version: number) => (write: LoggedWrite) => typeof write.version === 'number' && write.version >= version;
  const settleDelete = (conversationId: string, issuedAt: number) => {
    const deleted = deleteOf(conversationId, issuedAt);
    if (deleted) return at(deleted);
    // Never at the server, so nothing to delete: done when asked (the server answers 404).
    return of(conversationId, 'POST /conversations').length === 0 ? issuedAt : undefined;
  };
  // A delete supersedes the conversation's earlier writes, whether or not they ever went out.
  const deletedAt = new Map<string, number | undefined>();
  for (const { op, issuedAt } of issued) if (op.kind === 'delete') deletedAt.set(op.conversationId, settleDelete(op.conversationId, issuedAt));

  return issued.map(({ op, issuedAt }) => {
    switch (op.kind) {
      case 'log':
      case 'kill':
        return first(of(op.conversationId, 'POST /conversations').find(atLeast(op.version)), deletedAt.get(op.conversationId));
      case 'vote':
        return first(of(feedbackIdOf(op.messageId), 'POST /feedback').find(atLeast(op.version)), deletedAt.get(op.conversationId));
      case 'event':
        // An event of a deleted conversation is dropped with it, as its votes are.
        return first(of(op.eventId, 'POST /events')[0], deletedAt.get(op.conversationId));
      case 'delete':
        return settleDelete(op.conversationId, issuedAt);
    }
  });
}
