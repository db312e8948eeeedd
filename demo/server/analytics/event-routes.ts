/**
 * `POST /events`. Idempotent on `id`: a client that re-sends an event (its response was
 * lost) gets the stored event back unchanged instead of a duplicate.
 */
import { readJson } from '../json-body';
import { definedOnly, normalizeTime, type EventRecord } from './records';
import { versionOf, type AppliedWrite } from './request-log';
import type { AnalyticsRoute, RouteContext } from './route-types';
import { insertEventSchema } from './schemas';

async function insert(ctx: RouteContext): Promise<unknown> {
  const input = await readJson(ctx.req, insertEventSchema);
  const existing = input.id === undefined ? undefined : ctx.state.events.get(input.id);
  if (existing) {
    // Nothing changes, but the request was taken: the log shows the re-send.
    ctx.applied(eventWrite(existing));
    return existing;
  }
  const { id, createdAt, projectId, integrationId, ...fields } = input;
  const record: EventRecord = {
    id: id ?? ctx.newId('evt'),
    ...definedOnly(fields),
    createdAt: normalizeTime(createdAt) ?? ctx.now(),
    projectId: projectId ?? null,
    integrationId: integrationId ?? null,
  };
  ctx.state.events.set(record.id, record);
  ctx.state.changed();
  ctx.applied(eventWrite(record));
  return record;
}

/** An event as the request log shows it. */
function eventWrite(event: EventRecord): AppliedWrite {
  return {
    id: event.id,
    conversationId: event.entityType === 'conversation' ? event.conversationId : null,
    version: versionOf(event.properties),
    messageIds: event.entityType === 'message' ? [event.messageId] : [],
  };
}

/** The event routes, relative to the server's base path. */
export const eventRoutes: AnalyticsRoute[] = [{ method: 'POST', pattern: '/events', access: 'web', run: insert }];
