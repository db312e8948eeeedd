/**
 * Brings one handoff up to date with its helpdesk, under its lock: opens the ticket if it
 * is not open yet, delivers what the visitor queued (messages, close, reopen, rating) in
 * the order they asked, runs a requested anonymization, and, when asked to poll, turns the
 * helpdesk's new activity into events. What the visitor wrote is written to the store
 * before this runs and removed only once the helpdesk took it, so a helpdesk that is down
 * or refuses the key loses nothing: the handoff is marked due and retried with backoff
 * (honouring `Retry-After`), by the next poll or the server's retry loop.
 */
import type { HandoffAdapter, StartProgress } from './handoff-adapter';
import { HandoffError, toHandoffError } from './handoff-error';
import type { HandoffEvent, HandoffEventBody } from './handoff-events';
import type { HandoffRecord, Notice, RecordChanges } from './handoff-record';
import type { HandoffStore, QueuedOperation } from './handoff-store';

/** Most reads of the helpdesk's rating after a close (its survey may answer late). */
const RATING_CHECKS = 20;
/** Longest wait between retries. */
const MAX_RETRY_MS = 300_000;
/** Shortest wait after the helpdesk refused the operator's settings: a fix takes a person. */
const CONFIG_RETRY_MS = 60_000;

/** What the visitor is told while something they wrote waits, by cause. */
const WAITING: Record<string, string> = {
  helpdesk_unavailable: 'The helpdesk cannot be reached right now. What you wrote is saved and will be delivered as soon as it can be.',
  helpdesk_config_error: "The helpdesk did not accept this site's settings. What you wrote is saved and will be delivered once the site fixes them.",
};
/** What the visitor is told while replies cannot be read, by cause. */
const UNREAD: Record<string, string> = {
  helpdesk_unavailable: 'The helpdesk cannot be reached right now. Replies will show here as soon as it can be.',
  helpdesk_config_error: "The helpdesk did not accept this site's settings. Replies will show here once the site fixes them.",
};

export interface SyncDeps {
  adapter: HandoffAdapter;
  handoffs: HandoffStore;
  now(): number;
  newId(): string;
  /** In [0, 1): spreads retries so instances and handoffs do not retry in step. */
  random(): number;
  /** The operator's `onError`. */
  report(error: unknown): void;
}

/** What one run does besides what is due. */
export interface RunOptions {
  /** Read the helpdesk's activity too. */
  poll: boolean;
  /** Try waiting deliveries now even before their retry time: the visitor just asked for something. */
  now?: boolean | undefined;
}

export interface Syncer {
  /** Runs what is due for handoff `id` (see {@link RunOptions}). The caller holds the lock. */
  run(id: string, options: RunOptions): Promise<void>;
}

/** The notice of a failure that is retried: deliveries wait (`WAITING`), or replies cannot be read (`UNREAD`). */
function noticeOf(error: HandoffError, retryAt: number, texts = WAITING): Notice {
  const code = error.kind === 'config' ? 'helpdesk_config_error' : 'helpdesk_unavailable';
  return { code, message: texts[code] ?? '', retryAt };
}

/** Whether a failure is retried: the helpdesk was unreachable, or refused the operator's settings. */
const retried = (error: HandoffError): boolean => error.kind === 'unavailable' || error.kind === 'config';

export function createSyncer(deps: SyncDeps): Syncer {
  const { adapter, handoffs } = deps;
  const iso = () => new Date(deps.now()).toISOString();

  function event(body: HandoffEventBody): HandoffEvent {
    const id =
      body.type === 'agent_message'
        ? `agent-message:${body.message.id}`
        : body.type === 'message_delivered'
          ? `delivered:${body.messageId}`
          : body.type === 'message_failed'
            ? `failed:${body.messageId}`
            : body.type === 'ticket_created'
              ? `ticket:${body.ticketId}`
              : `${body.type}:${deps.newId()}`;
    return { ...body, id, at: iso() };
  }

  /** Records a failure to retry: backoff with jitter (at least `Retry-After`), the notice, the due time. */
  async function retryLater(record: HandoffRecord, error: HandoffError, changes: RecordChanges = {}): Promise<void> {
    const attempts = record.attempts + 1;
    const backoff = Math.min(MAX_RETRY_MS, 2_000 * 2 ** (attempts - 1));
    const base = error.kind === 'config' ? Math.max(backoff, CONFIG_RETRY_MS) : backoff;
    const delay = Math.max(Math.round(base * (0.8 + 0.4 * deps.random())), error.retryAfterMs ?? 0);
    const notice = noticeOf(error, deps.now() + delay);
    if (record.notice?.code !== notice.code) deps.report(error);
    await handoffs.update(record.id, { ...changes, attempts, notice });
    await handoffs.setDue(record.id, notice.retryAt);
  }

  /** The helpdesk refused the handoff for good, or lost its ticket. */
  async function fail(record: HandoffRecord, error: HandoffError): Promise<void> {
    deps.report(error);
    await handoffs.update(record.id, { status: 'failed', notice: null, attempts: 0 });
    await handoffs.append(record.id, [event({ type: 'failed', code: error.code })]);
    await handoffs.clearDue(record.id);
  }

  /** Opens the ticket (or resumes opening it). */
  async function start(record: HandoffRecord): Promise<HandoffRecord> {
    const stored = record.start;
    if (!stored) throw new HandoffError('rejected', `Handoff ${record.id} is starting but its request is gone from the store.`);
    const saved = { ...record.progress };
    const progress: StartProgress = {
      get saved() {
        return { ...saved };
      },
      async save(fields) {
        Object.assign(saved, fields);
        await handoffs.saveProgress(record.id, fields);
      },
      async created(ticketId) {
        await handoffs.update(record.id, { ticketId, lastActivityAt: deps.now() });
        await handoffs.append(record.id, [event({ type: 'ticket_created', ticketId, helpdesk: adapter.helpdesk })]);
      },
    };
    const { ticketId } = await adapter.start({ ...stored, handoffId: record.ref }, progress);
    await handoffs.markSent(record.id, stored.firstMessage.id, 'delivered');
    // The visitor may have closed it while it opened; their close is queued and follows.
    const closedBy = (await handoffs.load(record.id))?.closedBy;
    const status = closedBy === 'visitor' ? 'closed' : 'open';
    await handoffs.update(record.id, { status, ticketId, start: null, lastActivityAt: deps.now() });
    await handoffs.append(record.id, [event({ type: 'message_delivered', messageId: stored.firstMessage.id }), ...(status === 'closed' ? [event({ type: 'closed', by: 'visitor' })] : [])]);
    return { ...record, status, ticketId, start: undefined, closedBy };
  }

  /** Delivers one queued operation. */
  async function perform(ticketId: string, record: HandoffRecord, operation: QueuedOperation): Promise<HandoffEvent[]> {
    switch (operation.kind) {
      case 'message':
        await adapter.sendMessage(ticketId, record.ref, operation.message);
        await handoffs.markSent(record.id, operation.message.id, 'delivered');
        return [event({ type: 'message_delivered', messageId: operation.message.id })];
      case 'close':
        await adapter.close(ticketId);
        return [];
      case 'reopen':
        await adapter.reopen(ticketId);
        return [event({ type: 'reopened' })];
      case 'rating':
        await adapter.recordRating(ticketId, operation.rating);
        return [];
    }
  }

  /** Delivers the queue in order; stops at the first failure to retry (so order holds). */
  async function deliver(record: HandoffRecord, ticketId: string): Promise<void> {
    for (const operation of await handoffs.operations(record.id)) {
      try {
        await handoffs.append(record.id, await perform(ticketId, record, operation));
      } catch (thrown) {
        const error = toHandoffError(thrown);
        if (retried(error) || error.kind === 'not_found') throw error;
        deps.report(error);
        if (operation.kind === 'message') {
          await handoffs.markSent(record.id, operation.message.id, error.code);
          await handoffs.append(record.id, [event({ type: 'message_failed', messageId: operation.message.id, code: error.code })]);
        }
      }
      await handoffs.dequeue(record.id, operation.opId);
    }
  }

  /** Turns the helpdesk's activity since the cursor into events. */
  async function poll(record: HandoffRecord, ticketId: string): Promise<void> {
    const activity = await adapter.readActivity(ticketId, record.cursor);
    const seen = await handoffs.seen(record.id);
    const fresh = activity.messages.filter((message) => !seen.has(message.id));
    const events = fresh.map((message) => event({ type: 'agent_message', message: { ...message, createdAt: message.createdAt ?? null } }));
    const changes: RecordChanges = { cursor: activity.cursor, pollNotice: null };
    if (activity.agent?.id !== record.agent?.id) events.unshift(event(activity.agent ? { type: 'agent_joined', agent: activity.agent } : { type: 'agent_left' }));
    if (activity.agent?.id !== record.agent?.id || activity.agent?.name !== record.agent?.name) changes.agent = activity.agent;
    // A close or reopen the visitor queued decides the state until the helpdesk has it.
    const changing = (await handoffs.operations(record.id)).some((operation) => operation.kind === 'close' || operation.kind === 'reopen');
    let status = record.status;
    if (!changing && activity.state === 'closed' && status === 'open') {
      status = 'closed';
      Object.assign(changes, { status, closedBy: 'agent' });
      events.push(event({ type: 'closed', by: 'agent' }));
    } else if (!changing && activity.state === 'open' && status === 'closed') {
      status = 'open';
      Object.assign(changes, { status, closedBy: null });
      events.push(event({ type: 'reopened' }));
    }
    if (status === 'closed' && !record.helpdeskRating && record.ratingChecks < RATING_CHECKS) {
      changes.ratingChecks = record.ratingChecks + 1;
      const rating = await adapter.readRating(ticketId);
      if (rating) {
        changes.helpdeskRating = rating;
        events.push(event({ type: 'helpdesk_rating', score: rating.score, comment: rating.comment }));
      }
    }
    if (events.length > 0) changes.lastActivityAt = deps.now();
    await handoffs.append(record.id, events);
    await handoffs.markSeen(record.id, fresh.map((message) => message.id));
    await handoffs.update(record.id, changes);
  }

  /** Polls; a failure is kept for the view (`pollNotice`), reported once, and a lost ticket ends the handoff. */
  async function pollSafely(record: HandoffRecord, ticketId: string): Promise<void> {
    try {
      await poll(record, ticketId);
    } catch (thrown) {
      const error = toHandoffError(thrown);
      if (error.kind === 'not_found') return fail(record, error);
      if (record.pollNotice?.code !== noticeOf(error, 0).code) deps.report(error);
      await handoffs.update(record.id, { pollNotice: noticeOf(error, 0, UNREAD) });
    }
  }

  /** Runs a delete's anonymization at the helpdesk. */
  async function anonymize(record: HandoffRecord): Promise<void> {
    if (record.anonymization !== 'pending') return handoffs.clearDue(record.id);
    const ticketId = record.ticketId ?? record.progress.ticketId;
    if (ticketId === undefined) {
      await handoffs.update(record.id, { anonymization: 'none', notice: null });
      return handoffs.clearDue(record.id);
    }
    try {
      const outcome = await adapter.anonymize(ticketId);
      await handoffs.update(record.id, { anonymization: outcome, notice: null, attempts: 0 });
      await handoffs.clearDue(record.id);
    } catch (thrown) {
      const error = toHandoffError(thrown);
      if (retried(error)) return retryLater(record, error);
      deps.report(error);
      await handoffs.update(record.id, { anonymization: 'refused', notice: { code: error.code, message: error.message, retryAt: 0 } });
      await handoffs.clearDue(record.id);
    }
  }

  return {
    async run(id, options) {
      let record = await handoffs.load(id);
      if (!record) return handoffs.clearDue(id);
      // Deliveries that failed wait for their retry time, unless the visitor just asked for something.
      const waiting = record.notice !== undefined && record.notice.retryAt > deps.now() && options.now !== true;
      if (record.status === 'deleted') return waiting ? undefined : anonymize(record);
      if (record.status === 'failed') return handoffs.clearDue(id);
      if (waiting) return options.poll && record.ticketId !== undefined && record.status !== 'starting' ? pollSafely(record, record.ticketId) : undefined;
      try {
        if (record.status === 'starting') record = await start(record);
        const ticketId = record.ticketId ?? '';
        await deliver(record, ticketId);
        if (record.attempts > 0 || record.notice) await handoffs.update(id, { attempts: 0, notice: null });
        // An operation queued meanwhile by another instance (which could not take the lock) stays due.
        if ((await handoffs.operations(id)).length === 0) await handoffs.clearDue(id);
        else await handoffs.setDue(id, deps.now());
        record = { ...record, attempts: 0, notice: undefined };
      } catch (thrown) {
        const error = toHandoffError(thrown);
        if (retried(error)) return retryLater((await handoffs.load(id)) ?? record, error);
        return fail(record, error);
      }
      if (!options.poll || record.ticketId === undefined) return;
      return pollSafely((await handoffs.load(id)) ?? record, record.ticketId);
    },
  };
}
