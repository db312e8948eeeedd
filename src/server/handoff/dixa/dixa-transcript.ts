/**
 * The assistant's transcript as Dixa internal notes (contracts/dixa.md §4.3): agents see
 * it, the visitor's inbox does not, and the AI's words are never shown as the visitor's.
 * One header note, then one note per turn through the bulk endpoint with each turn's time
 * (`createdAt`), in chunks. A bulk answer is a 200 even when items failed (§3.2): a failed
 * item is posted again alone, without the author or the time it was refused for.
 *
 * Notes have no idempotency key. Each chunk is recorded once done; when an attempt broke
 * off mid-chunk (its answer lost), the next one lists the conversation's notes first and
 * skips those already there, so the agent does not read the transcript twice.
 */
import type { HandoffStart, StartProgress } from '../handoff-adapter';
import { HandoffError } from '../handoff-error';
import type { DixaClient } from './dixa-client';
import type { ResolvedDixaOptions } from './dixa-options';
import { bulkResultsSchema, noteListSchema } from './dixa-schemas';
import { toDixaTime } from './dixa-time';

/** Notes per bulk call. */
const CHUNK = 50;

/** One note as the bulk endpoint takes it. */
interface NoteInput {
  message: string;
  agentId?: string;
  createdAt?: string;
}

/** The header note: what follows, and what links it to confab. */
function headerNote(request: HandoffStart): string {
  const visitor = request.visitor;
  const named = [visitor?.name, visitor?.email && `<${visitor.email}>`].filter(Boolean).join(' ');
  return [
    `confab: the visitor asked for a person. Their conversation with the AI assistant follows in ${request.transcript.length} note(s); "AI assistant" notes are the assistant's words, not the visitor's.`,
    `confab conversation: ${request.conversationId}`,
    ...(named ? [`Visitor, as the page named them: ${named}`] : []),
    ...(visitor?.userId ? [`Signed-in user (verified by the site): ${visitor.userId}`] : []),
    ...(request.pageUrl ? [`Page: ${request.pageUrl}`] : []),
  ].join('\n');
}

/** The notes of a start: the header, then each turn. */
export function transcriptNotes(request: HandoffStart, agentId: string | undefined): NoteInput[] {
  const author = agentId === undefined ? {} : { agentId };
  const turns = request.transcript.map((turn) => {
    const createdAt = toDixaTime(turn.createdAt);
    return { message: `${turn.role === 'user' ? 'Visitor' : 'AI assistant'}: ${turn.text}`, ...author, ...(createdAt === undefined ? {} : { createdAt }) };
  });
  return [{ message: headerNote(request), ...author }, ...turns];
}

/** What posting the notes needs. */
export interface TranscriptDeps {
  client: DixaClient;
  options: ResolvedDixaOptions;
  /** Problems the operator should know of that do not stop the handoff. */
  warn(error: HandoffError): void;
}

/** Posts one refused item again alone: no author, its time in the text instead of `createdAt`. */
async function postAlone(deps: TranscriptDeps, ticketId: string, note: NoteInput): Promise<void> {
  const message = note.createdAt === undefined ? note.message : `[${note.createdAt}] ${note.message}`;
  try {
    await deps.client.call({ method: 'POST', path: `/v1/conversations/${ticketId}/notes`, body: { message }, what: 'add a transcript note' });
  } catch (error) {
    if (error instanceof HandoffError && (error.kind === 'rejected' || error.kind === 'conflict')) {
      deps.warn(new HandoffError('rejected', `A transcript note was refused twice by Dixa and left out: ${error.message}`, { status: error.status, reason: error.reason }));
      return;
    }
    throw error;
  }
}

/** Posts the transcript notes of `request` that earlier attempts did not. */
export async function postTranscript(deps: TranscriptDeps, ticketId: string, request: HandoffStart, progress: StartProgress): Promise<void> {
  const notes = transcriptNotes(request, deps.options.noteAgentId);
  let done = Number(progress.saved.notes ?? 0);
  const tried = progress.saved.notesTried === undefined ? -1 : Number(progress.saved.notesTried);
  let present = new Set<string>();
  if (tried >= done && done < notes.length) {
    const listed = await deps.client.read({ method: 'GET', path: `/v1/conversations/${ticketId}/notes`, what: 'list the notes' }, noteListSchema);
    present = new Set(listed.flatMap((note) => (note.message === undefined ? [] : [note.message])));
  }
  while (done < notes.length) {
    const chunk = notes.slice(done, done + CHUNK).filter((note) => !present.has(note.message));
    await progress.save({ notesTried: String(done) });
    if (chunk.length > 0) {
      let results;
      try {
        results = await deps.client.read({ method: 'POST', path: `/v1/conversations/${ticketId}/notes/bulk`, body: { data: chunk }, what: 'add the transcript notes' }, bulkResultsSchema);
      } catch (error) {
        if (!(error instanceof HandoffError) || error.kind !== 'rejected') throw error;
        // The whole body refused (a bad item makes it a 400 B): the notes go one by one instead.
        results = chunk.map(() => ({ _type: 'BulkActionFailure', error: { message: error.reason ?? error.message } }));
      }
      const refused = chunk.filter((_note, index) => results[index]?._type !== 'BulkActionSuccess');
      const agentReason = results.find((result) => /agent/i.test(result.error?.message ?? ''))?.error?.message;
      if (agentReason !== undefined && deps.options.noteAgentId !== undefined) {
        deps.warn(new HandoffError('config', `Dixa refused the transcript notes' author ${deps.options.noteAgentId} ("${agentReason}"); check handoff.dixa.noteAgentId. The notes are written as the token's user instead.`, { reason: agentReason, setting: 'handoff.dixa.noteAgentId' }));
      }
      for (const note of refused) await postAlone(deps, ticketId, note);
    }
    done = Math.min(notes.length, done + CHUNK);
    await progress.save({ notes: String(done) });
  }
}
