/**
 * Counts at the server, once the outbox has drained: what the program wrote that the server
 * does not hold as its newest version, older versions applied after newer ones, what was
 * written after a delete, and requests beyond one per version. Reads the server's request
 * log (commit order) and its final state; knows nothing of the SDK.
 */
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';
import { feedbackIdOf, type ChaosModel } from './model';

/** The part of `GET __state` the counts read. */
export interface ServerState {
  conversations: Array<{ id: string; properties?: unknown; messages: Array<{ id: string }> }>;
  feedback: Array<{ id: string; messageId: string; properties?: unknown }>;
  events: Array<{ id: string }>;
}

export interface ChaosCounts {
  /** Everything below that the server lost: the sum of the four. */
  lost: number;
  /** Kept conversations the server lacks, or holds at another version than the newest written. */
  lostConversations: number;
  /** Deleted conversations the server still holds. */
  presentThoughDeleted: number;
  /** Votes on kept conversations the server lacks, or holds at another than the newest vote. */
  lostVotes: number;
  /** Events of kept conversations the server lacks. */
  lostEvents: number;
  /** Upserts of a conversation that reached the server after a newer version of it had: the client sent an older version after a newer one. */
  olderAfterNewer: number;
  /** Conversations with at least one such upsert. */
  olderAfterNewerConversations: number;
  /**
   * Upserts applied after a newer version although they reached the server before it: late
   * commits, the server's doing. The client cannot prevent them, only deliver the newest
   * version again after them (else the conversation counts as lost).
   */
  lateOverNewer: number;
  /**
   * Records of deleted conversations (the conversation, or feedback on its messages) that
   * reached the server after its first applied DELETE, or that are left at the server.
   */
  outlivingDelete: number;
  /** Records of deleted conversations that reached the server before its DELETE but were applied after it (late commits). */
  lateAfterDelete: number;
  /** Conversations the program deleted. */
  deletes: number;
  /** Applied writes beyond one per version: a conversation or vote version, an event, a delete. */
  duplicates: number;
}

const versionAt = (properties: unknown): unknown => (typeof properties === 'object' && properties !== null && 'version' in properties ? properties.version : undefined);
const isUpsert = (write: LoggedWrite) => write.route === 'POST /conversations';
const isDelete = (write: LoggedWrite) => write.route === 'DELETE /conversations/{id}';
const isVote = (write: LoggedWrite) => write.route === 'POST /feedback';

/** Counts the server's request log and final state against the model; `examples` says what went wrong, a few of each. */
export function countAtServer(model: ChaosModel, writes: readonly LoggedWrite[], state: ServerState): { counts: ChaosCounts; examples: string[] } {
  const examples: string[] = [];
  const note = (kind: string, text: string) => examples.filter((line) => line.startsWith(kind)).length < 5 && examples.push(`${kind}: ${text}`);
  const held = new Map(state.conversations.map((conversation) => [conversation.id, conversation]));
  const feedback = new Map(state.feedback.map((record) => [record.id, record]));
  const events = new Set(state.events.map((event) => event.id));
  const counts: ChaosCounts = {
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
    deletes: 0,
    duplicates: 0,
  };

  for (const [id, conversation] of model.conversations) {
    const atServer = held.get(id);
    if (conversation.deleted) {
      counts.deletes += 1;
      if (atServer) {
        counts.presentThoughDeleted += 1;
        note('present though deleted', `${id} at v${String(versionAt(atServer.properties))}`);
      }
    } else if (versionAt(atServer?.properties) !== conversation.version || atServer?.messages.map((m) => m.id).join() !== conversation.messageIds.join()) {
      counts.lostConversations += 1;
      note('conversation lost', `${id}: the server holds ${atServer ? `v${String(versionAt(atServer.properties))}` : 'nothing'}, the newest written is v${conversation.version}`);
    }
  }
  for (const [id, vote] of model.votes) {
    if (model.conversations.get(vote.conversationId)?.deleted) continue;
    const atServer = feedback.get(id);
    if (versionAt(atServer?.properties) !== vote.version) {
      counts.lostVotes += 1;
      note('vote lost', `${id}: the server holds ${atServer ? `vote ${String(versionAt(atServer.properties))}` : 'nothing'}, the newest is vote ${vote.version}`);
    }
  }
  for (const [id, conversationId] of model.events) {
    if (model.conversations.get(conversationId)?.deleted || events.has(id)) continue;
    counts.lostEvents += 1;
    note('event lost', id);
  }
  counts.lost = counts.lostConversations + counts.presentThoughDeleted + counts.lostVotes + counts.lostEvents;

  // Older after newer, per conversation: sent (in arrival order), or applied late (in commit order).
  const upserts = writes.filter(isUpsert).filter((write) => typeof write.version === 'number');
  const newestSent = new Map<string, number>();
  const reordered = new Set<string>();
  const sentLate = new Set<LoggedWrite>();
  for (const write of [...upserts].sort((a, b) => a.received - b.received)) {
    const version = write.version as number;
    const before = newestSent.get(write.id) ?? 0;
    if (version < before) {
      counts.olderAfterNewer += 1;
      reordered.add(write.id);
      sentLate.add(write);
      note('older after newer', `${write.id}: v${version} reached the server (request ${write.received}) after v${before}`);
    }
    newestSent.set(write.id, Math.max(before, version));
  }
  counts.olderAfterNewerConversations = reordered.size;
  const newestApplied = new Map<string, number>();
  for (const write of upserts) {
    const version = write.version as number;
    const before = newestApplied.get(write.id) ?? 0;
    if (version < before && !sentLate.has(write)) {
      counts.lateOverNewer += 1;
      note('applied late over a newer version', `${write.id}: v${version} applied at #${write.seq} (${write.fault ?? 'no fault'}) after v${before}`);
    }
    newestApplied.set(write.id, Math.max(before, version));
  }

  // After a delete: what reached the server after its first applied DELETE, or is left there.
  const outliving = new Set<string>();
  for (const [id, conversation] of model.conversations) {
    if (!conversation.deleted) continue;
    const firstDelete = writes.find((write) => isDelete(write) && write.id === id);
    for (const write of firstDelete ? writes : []) {
      const belongs = (isUpsert(write) && write.id === id) || (isVote(write) && write.messageIds.some((messageId) => model.conversationOf.get(messageId) === id));
      if (!firstDelete || !belongs || write.seq <= firstDelete.seq) continue;
      if (write.received < firstDelete.received) {
        counts.lateAfterDelete += 1;
        note('applied late after a delete', `${write.route} ${write.id} applied at #${write.seq} (${write.fault ?? 'no fault'}) after DELETE ${id} at #${firstDelete.seq}`);
      } else if (!outliving.has(`${write.route} ${write.id}`)) {
        outliving.add(`${write.route} ${write.id}`);
        note('outliving a delete', `${write.route} ${write.id} reached the server (request ${write.received}) after DELETE ${id} (request ${firstDelete.received})`);
      }
    }
    for (const messageId of conversation.messageIds) {
      const left = feedback.get(feedbackIdOf(messageId));
      if (left && !outliving.has(`POST /feedback ${left.id}`)) {
        outliving.add(`POST /feedback ${left.id}`);
        note('outliving a delete', `feedback ${left.id} left on deleted ${id}`);
      }
    }
  }
  counts.outlivingDelete = outliving.size;

  const seen = new Map<string, number>();
  for (const write of writes) {
    const key = isDelete(write) || write.route === 'POST /events' ? `${write.route} ${write.id}` : `${write.route} ${write.id} ${String(write.version)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  counts.duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  return { counts, examples };
}
