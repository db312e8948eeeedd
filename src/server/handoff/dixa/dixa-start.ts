/**
 * Opening a Dixa conversation for a handoff (contracts/dixa.md §4.2–4.5), step by step,
 * each recorded in the start's progress so a retry resumes where an attempt stopped:
 *
 * 1. create it for the configured requester (§4.1): the `email` shape carries the
 *    visitor's first message (with an `externalId`); the `endpoint` shape carries none;
 * 2. after an Email create, transfer it to the handoff queue;
 * 3. the transcript as internal notes;
 * 4. the handoff tag and 5. the custom attribute naming confab's conversation;
 * 6. for the `endpoint` shape, the first message.
 *
 * A create whose answer was lost is not made twice: its retry carries the same message
 * `externalId`, which Dixa refuses as `Duplicate externalId`; the conversation is then
 * found by the reference its subject carries. Steps 2, 4 and 5 are not worth failing a
 * handoff for: a refusal there is reported to the operator and the handoff goes on.
 */
import type { HandoffStart, StartProgress } from '../handoff-adapter';
import { HandoffError } from '../handoff-error';
import type { DixaClient } from './dixa-client';
import type { ResolvedDixaOptions } from './dixa-options';
import { createdSchema, searchHitsSchema } from './dixa-schemas';
import { postTranscript } from './dixa-transcript';

/** Dixa's reason for a reused message `externalId` (§3.4). */
export const DUPLICATE_EXTERNAL_ID = 'Duplicate externalId';

/** What the start needs. */
export interface StartDeps {
  client: DixaClient;
  options: ResolvedDixaOptions;
  warn(error: HandoffError): void;
}

/** The `externalId` of a confab message in a handoff: unique in the whole Dixa organisation (§6). */
export const externalIdOf = (handoffId: string, messageId: string): string => `confab:${handoffId}:${messageId}`;

/** The one-word reference in the subject, found by search when a create's answer was lost. */
const referenceOf = (handoffId: string): string => `cf-${handoffId.slice(0, 16)}`;

/** `Chat handoff: <first words> (cf-…)`, at most ~120 characters of the visitor's words. */
function subjectOf(options: ResolvedDixaOptions, request: HandoffStart): string {
  const words = request.firstMessage.text.replace(/\s+/g, ' ').trim();
  const short = words.length > 120 ? `${words.slice(0, 119)}…` : words;
  return `${options.subjectPrefix}${short} (${referenceOf(request.handoffId)})`;
}

/** `en` of `en-GB`: Dixa's conversations carry a language code (§3.10 sample `"en"`). */
const languageOf = (locale: string | undefined): string | undefined => locale?.split(/[-_]/)[0]?.toLowerCase() || undefined;

/** A create refused for the operator's settings (unknown ids, an unsupported shape) is theirs to fix, and kept. */
function createFailure(error: unknown): unknown {
  if (!(error instanceof HandoffError) || (error.kind !== 'not_found' && error.kind !== 'rejected')) return error;
  if (error.reason === DUPLICATE_EXTERNAL_ID) return error;
  return new HandoffError('config', `${error.message} Check handoff.dixa.requesterId, queueId, emailIntegrationId, contactEndpointId and createShape: Dixa refused to create the conversation with them.`, {
    status: error.status,
    reason: error.reason,
    setting: 'handoff.dixa',
    cause: error,
  });
}

/** Creates the conversation (or finds the one a lost answer made); returns its id. */
async function create(deps: StartDeps, request: HandoffStart, progress: StartProgress): Promise<string> {
  const { client, options } = deps;
  const attempt = Number(progress.saved.createAttempt ?? 1);
  if (options.createShape === 'endpoint') {
    const body = { ...(options.createType === undefined ? {} : { _type: options.createType }), contactEndpointId: options.contactEndpointId, direction: 'Inbound', queueId: options.queueId, requesterId: options.requesterId };
    const created = await client.read({ method: 'POST', path: '/v1/conversations', body, what: 'create the conversation' }, createdSchema).catch((error: unknown) => Promise.reject(createFailure(error)));
    return created.id;
  }
  const externalId = externalIdOf(request.handoffId, request.firstMessage.id) + (attempt > 1 ? `:${attempt}` : '');
  const language = languageOf(request.locale);
  const body = {
    _type: 'Email',
    requesterId: options.requesterId,
    emailIntegrationId: options.emailIntegrationId,
    subject: subjectOf(options, request),
    message: { _type: 'Inbound', content: { value: request.firstMessage.text, _type: 'Text' }, attachments: [], externalId },
    ...(language === undefined ? {} : { language }),
  };
  try {
    return (await client.read({ method: 'POST', path: '/v1/conversations', body, what: 'create the conversation' }, createdSchema)).id;
  } catch (error) {
    if (!(error instanceof HandoffError) || error.reason !== DUPLICATE_EXTERNAL_ID) throw createFailure(error);
    const hits = await client.read({ method: 'GET', path: '/v1/search/conversations', query: { query: referenceOf(request.handoffId), exactMatch: 'true' }, what: 'find the conversation a lost answer created' }, searchHitsSchema);
    const found = hits[0]?.id;
    if (found !== undefined) return found;
    // Made, but not found (yet): the next attempt creates it anew rather than never.
    await progress.save({ createAttempt: String(attempt + 1) });
    throw new HandoffError('unavailable', 'Dixa already has the handoff\'s first message, but its conversation could not be found; the next attempt creates it again.', { reason: DUPLICATE_EXTERNAL_ID });
  }
}

/** Runs a step that must not stop the handoff: a refusal is reported and the step counted done. */
async function optionalStep(deps: StartDeps, progress: StartProgress, field: string, setting: string, run: () => Promise<unknown>): Promise<void> {
  if (progress.saved[field] !== undefined) return;
  try {
    await run();
    await progress.save({ [field]: 'done' });
  } catch (error) {
    if (!(error instanceof HandoffError) || (error.kind !== 'rejected' && error.kind !== 'not_found')) throw error;
    deps.warn(new HandoffError('config', `${error.message} Check ${setting}; the handoff goes on without it.`, { status: error.status, reason: error.reason, setting, cause: error }));
    await progress.save({ [field]: 'refused' });
  }
}

/** Opens (or resumes opening) the conversation of `request`; resolves with its id once every step is done. */
export async function startDixaConversation(deps: StartDeps, request: HandoffStart, progress: StartProgress): Promise<string> {
  const { client, options } = deps;
  let ticketId = progress.saved.ticketId;
  if (ticketId === undefined) {
    ticketId = await create(deps, request, progress);
    await progress.save({ ticketId });
    await progress.created(ticketId);
  }
  const path = `/v1/conversations/${ticketId}`;
  if (options.createShape === 'email') {
    await optionalStep(deps, progress, 'transferred', 'handoff.dixa.queueId', () => client.call({ method: 'PUT', path: `${path}/transfer/queue`, body: { queueId: options.queueId }, what: 'transfer the conversation to the handoff queue' }));
  }
  if (progress.saved.transcript === undefined) {
    await postTranscript(deps, ticketId, request, progress);
    await progress.save({ transcript: 'done' });
  }
  const tagId = options.handoffTagId;
  if (tagId !== undefined) await optionalStep(deps, progress, 'tagged', 'handoff.dixa.handoffTagId', () => client.call({ method: 'PUT', path: `${path}/tags/${tagId}`, what: 'tag the conversation' }));
  const attributeId = options.conversationAttributeId;
  if (attributeId !== undefined) {
    await optionalStep(deps, progress, 'attributed', 'handoff.dixa.conversationAttributeId', () =>
      client.call({ method: 'PATCH', path: `${path}/custom-attributes`, body: { [attributeId]: request.conversationId }, what: 'link the conversation to confab' }),
    );
  }
  if (options.createShape === 'endpoint' && progress.saved.firstMessage === undefined) {
    await sendDixaMessage(client, ticketId, externalIdOf(request.handoffId, request.firstMessage.id), request.firstMessage.text);
    await progress.save({ firstMessage: 'done' });
  }
  return ticketId;
}

/** Adds a visitor message (§4.5); `Duplicate externalId` means an earlier try delivered it. */
export async function sendDixaMessage(client: DixaClient, ticketId: string, externalId: string, text: string): Promise<void> {
  try {
    await client.call({
      method: 'POST',
      path: `/v1/conversations/${ticketId}/messages`,
      body: { _type: 'Inbound', content: { value: text, _type: 'Text' }, attachments: [], externalId },
      what: 'add the visitor\'s message',
    });
  } catch (error) {
    if (error instanceof HandoffError && error.reason === DUPLICATE_EXTERNAL_ID) return;
    throw error;
  }
}
