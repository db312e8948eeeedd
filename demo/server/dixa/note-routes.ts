/**
 * Internal notes (contracts/dixa.md §3.1–3.3, §6.6): add one, add many (failing per item
 * on an unknown agent or a bad date), list oldest first.
 */
import type { z } from 'zod';
import { bulkNotesBody, decode, noteBody } from './bodies';
import { REASONS, badRequest } from './dixa-error';
import type { ConversationRecord, NoteRecord } from './records';
import { conversationIdOf, findConversation, jsonBody, ok, route, type DixaRoute, type RouteContext } from './route-types';
import { parseDateTime } from './timestamps';
import { noteView } from './views';

type NoteInput = z.output<typeof noteBody>;

/** A note for `input`, or why it cannot be made. */
type NoteOutcome = { note: NoteRecord } | { unknownAgent: string } | { badDate: true };

/** Author = `agentId` (an agent or admin of the org), else the token user; `createdAt` = the given time, else now. */
function makeNote(ctx: RouteContext, input: NoteInput): NoteOutcome {
  const { state } = ctx.app;
  if (input.agentId !== undefined && !state.agent(input.agentId)) return { unknownAgent: input.agentId };
  const createdAt = input.createdAt === undefined ? ctx.app.now() : parseDateTime(input.createdAt);
  if (createdAt === undefined) return { badDate: true };
  return { note: { id: ctx.app.newId(), authorId: input.agentId ?? ctx.tokenUserId, createdAt, message: input.message } };
}

function store(ctx: RouteContext, conversation: ConversationRecord, note: NoteRecord): void {
  conversation.notes.push(note);
  ctx.app.state.changed();
}

function addNote(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(noteBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  const outcome = makeNote(ctx, input);
  if ('unknownAgent' in outcome) throw badRequest(REASONS.agentNotFound);
  if ('badDate' in outcome) throw badRequest(REASONS.invalidDate);
  store(ctx, conversation, outcome.note);
  return ok(noteView(conversation.id, outcome.note, 'created'));
}

/** One result per item, in input order; a partial failure is still a 200 (§3.2). */
function addNotes(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const { data } = decode(bulkNotesBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  const results = data.map((input) => {
    const outcome = makeNote(ctx, input);
    if ('unknownAgent' in outcome) return { error: { message: `An agent with id:${outcome.unknownAgent} cannot be found in org.` }, _type: 'BulkActionFailure' };
    if ('badDate' in outcome) return { error: { message: REASONS.invalidDate }, _type: 'BulkActionFailure' };
    store(ctx, conversation, outcome.note);
    return { data: noteView(conversation.id, outcome.note, 'created'), _type: 'BulkActionSuccess' };
  });
  return ok(results);
}

/** Oldest to newest by `createdAt`; notes of the same instant keep their insertion order. */
function listNotes(ctx: RouteContext) {
  const conversation = findConversation(ctx, conversationIdOf(ctx));
  const sorted = [...conversation.notes].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return ok(sorted.map((note) => noteView(conversation.id, note, 'listed')));
}

/** §3.1–3.3 */
export const noteRoutes: DixaRoute[] = [
  route('POST', '/v1/conversations/{conversationId}/notes', addNote),
  route('POST', '/v1/conversations/{conversationId}/notes/bulk', addNotes),
  route('GET', '/v1/conversations/{conversationId}/notes', listNotes),
];
