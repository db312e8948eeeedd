/**
 * The checks of a message body that have their own reason texts (contracts/dixa.md §3.4,
 * §6.7), shared by add message and the create body's `message`, in this order: content
 * and author (`Invalid input for Message`), attachments (`Failure to download attachment`,
 * GAP 3), then `externalId` (`Duplicate externalId`, unique in the whole organisation).
 */
import type { z } from 'zod';
import type { messageBody } from './bodies';
import { REASONS, badRequest } from './dixa-error';
import type { NewMessage } from './conversation-actions';
import type { ContentRecord } from './records';
import type { DixaApp } from './route-types';

/** The content when its `_type` is Html or Text and its `value` a string. */
function contentOf(content: Record<string, unknown>): ContentRecord | undefined {
  const { value, _type: type } = content;
  if (typeof value !== 'string' || (type !== 'Html' && type !== 'Text')) return undefined;
  return { value, _type: type };
}

/**
 * The message to append for `input`, or the 400 it deserves. Inbound is authored by the
 * requester; Outbound by `agentId`, which must be an agent or admin of the org (inferred).
 */
export function checkMessage(app: DixaApp, requesterId: string, input: z.output<typeof messageBody>): NewMessage {
  const content = contentOf(input.content);
  if (!content) throw badRequest(REASONS.invalidMessage);
  let authorId = requesterId;
  if (input._type === 'Outbound') {
    const agent = input.agentId === undefined ? undefined : app.state.agent(input.agentId);
    if (!agent) throw badRequest(REASONS.invalidMessage);
    authorId = agent.id;
  }
  if (input.attachments.length > 0) throw badRequest(REASONS.attachment);
  if (input.externalId !== undefined && app.state.hasExternalId(input.externalId)) throw badRequest(REASONS.duplicateExternalId);
  return { direction: input._type, authorId, content, externalId: input.externalId };
}
