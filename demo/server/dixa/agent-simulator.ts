/**
 * The simulated Dixa agent, for the demo and the tests: the moves a person makes in Dixa's
 * agent UI (reply, claim, close) and the visitor's CSAT answer, which the public API cannot
 * write (contracts/dixa.md §4.8). The test routes call these; code can too.
 */
import { appendMessage, assign, close } from './conversation-actions';
import { DixaError } from './dixa-error';
import type { ConversationRecord, MessageRecord, RatingRecord, UserRecord } from './records';
import type { DixaApp } from './route-types';

/** Agent moves and the rating hook. Unknown conversations and agents throw a 404 {@link DixaError}. */
export interface AgentSimulator {
  /** Appends an Outbound message by `agentId`, else the assigned agent, else the fixture's first agent. */
  reply(input: { conversationId: number; text: string; agentId?: string | undefined; contentType?: 'Text' | 'Html' | undefined }): { conversation: ConversationRecord; message: MessageRecord };
  /** Claims the conversation for `agentId` (default: the fixture's first agent), as `PUT …/claim` with force. */
  assign(input: { conversationId: number; agentId?: string | undefined }): ConversationRecord;
  /** Closes the conversation. */
  close(input: { conversationId: number }): ConversationRecord;
  /** Adds a CSAT rating (scores 1–5, GAP 7) for the requester, about the assigned agent. */
  rate(input: { conversationId: number; score: number; comment?: string | undefined; status?: string | undefined; language?: string | undefined }): RatingRecord;
}

/** Creates the simulator over the server's app. */
export function createAgentSimulator(app: DixaApp): AgentSimulator {
  const { state } = app;

  function conversation(id: number): ConversationRecord {
    const found = state.conversations.get(id);
    if (!found) throw new DixaError(404, `Conversation ${id} does not exist.`);
    return found;
  }

  function agent(id: string | undefined, fallback: string | undefined): UserRecord {
    const wanted = id ?? fallback ?? state.fixture.users.find((u) => u.role === 'Agent')?.id ?? '';
    const found = state.agent(wanted);
    if (!found) throw new DixaError(404, `No agent or admin ${wanted} in the fixture.`);
    return found;
  }

  return {
    reply(input) {
      const target = conversation(input.conversationId);
      const author = agent(input.agentId, target.assignment?.agentId);
      const message = appendMessage(app, target, { direction: 'Outbound', authorId: author.id, content: { value: input.text, _type: input.contentType ?? 'Text' } });
      return { conversation: target, message };
    },
    assign(input) {
      const target = conversation(input.conversationId);
      assign(app, target, agent(input.agentId, undefined));
      return target;
    },
    close(input) {
      const target = conversation(input.conversationId);
      close(app, target);
      return target;
    },
    rate(input) {
      if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new RangeError(`A rating score is an integer from 1 to 5; got ${input.score}.`);
      const target = conversation(input.conversationId);
      const rating: RatingRecord = {
        id: app.newId(),
        ratingScore: input.score,
        ratingType: 'Csat',
        ratingComment: input.comment ?? '',
        conversationChannel: target.channel,
        ...(target.assignment ? { agentId: target.assignment.agentId } : {}),
        userId: target.requesterId,
        ratingStatus: input.status ?? 'Offered',
        language: input.language ?? 'English',
        timestamps: {},
      };
      target.ratings.push(rating);
      state.changed();
      return rating;
    },
  };
}
