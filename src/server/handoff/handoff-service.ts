/**
 * The handoffs of one server: what each route asks (start, write, close, rate, delete,
 * read events) and the loop that retries what waits. A handoff is found by its visitor
 * (`owner`: the verified user, else the widget's visitor id) and the widget's conversation
 * id, so a visitor reaches only their own, and every tab and reload of theirs reaches the
 * same one without keeping another id.
 *
 * Every request first writes what the visitor asked for to the store, then tries the
 * helpdesk under the handoff's lock and answers with the outcome: delivered, or saved to
 * be delivered (with the reason). Reads of agent activity happen when the widget polls,
 * at most once per poll interval whatever the number of tabs.
 */
import { sha256Hex } from '../protect/hmac';
import type { HandoffAdapter, VisitorMessage, VisitorRating } from './handoff-adapter';
import type { NumberedEvent } from './handoff-events';
import type { StartInput } from './handoff-input';
import { BUSY, createLocks } from './handoff-locks';
import type { HandoffRecord } from './handoff-record';
import { createHandoffStore, type HandoffStore } from './handoff-store';
import { createSyncer } from './handoff-sync';
import { viewOf, type HandoffView } from './handoff-view';
import { pollAfterMs, type PollSettings } from './poll-interval';
import type { ConfabStore } from '../store/store';
import { RequestError } from '../http/request-error';

/** How long a request waits for another holder of the handoff's lock before answering "saved". */
const LOCK_WAIT_MS = 3_000;
/** The store lock's expiry: longer than a holder's helpdesk calls. */
const LOCK_TTL_MS = 120_000;

/** What a write did: reached the helpdesk, waits to (the view's `notice` says why), or was refused. */
export type Delivery = 'delivered' | 'queued' | 'failed';

/** Options of {@link createHandoffService}. */
export interface HandoffServiceOptions {
  adapter: HandoffAdapter;
  store: ConfabStore;
  poll: PollSettings;
  retentionMs: number;
  /** How often the retry loop looks for handoffs due. */
  retryIntervalMs: number;
  now(): number;
  report(error: unknown): void;
  newId?: (() => string) | undefined;
  random?: (() => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** One handoff's answer to a route. */
export interface HandoffState {
  view: HandoffView;
  record: HandoffRecord;
}

export interface HandoffService {
  readonly helpdesk: string;
  readonly poll: PollSettings;
  /** Opens the visitor's handoff of a conversation, or answers the one open already. */
  start(owner: string, input: StartInput, userId: string | undefined): Promise<HandoffState & { created: boolean }>;
  /** Queues a visitor message and tries to deliver it. */
  send(owner: string, conversationId: string, message: VisitorMessage): Promise<HandoffState & { delivery: Delivery }>;
  close(owner: string, conversationId: string): Promise<HandoffState & { delivery: Delivery }>;
  rate(owner: string, conversationId: string, rating: VisitorRating): Promise<HandoffState & { delivery: Delivery }>;
  /** The visitor deleted the conversation: their words go from the store, and the helpdesk anonymizes. */
  remove(owner: string, conversationId: string): Promise<HandoffState>;
  /** Events after `after`, having polled the helpdesk if it is time. */
  events(owner: string, conversationId: string, after: number): Promise<HandoffState & { events: NumberedEvent[]; reset: boolean; pollAfterMs: number | null }>;
  view(owner: string, conversationId: string): Promise<HandoffState>;
  /** Stops the retry loop; resolves once a round under way has ended. */
  stop(): Promise<void>;
}

const notFound = () => new RequestError(404, 'handoff_not_found', 'There is no handoff of this conversation for this visitor.');

/** Creates the service and starts its retry loop. */
export function createHandoffService(options: HandoffServiceOptions): HandoffService {
  const { adapter, now } = options;
  const handoffs: HandoffStore = createHandoffStore(options.store, options.retentionMs);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const locks = createLocks(handoffs, { ttlMs: LOCK_TTL_MS, sleep });
  const newId = options.newId ?? (() => crypto.randomUUID());
  const syncer = createSyncer({ adapter, handoffs, now, newId, random: options.random ?? Math.random, report: options.report });

  const idOf = (owner: string, conversationId: string) => sha256Hex(`${owner}\n${conversationId}`).then((hex) => hex.slice(0, 32));

  async function state(record: HandoffRecord): Promise<HandoffState> {
    const fresh = (await handoffs.load(record.id)) ?? record;
    return { record: fresh, view: viewOf(fresh, (await handoffs.operations(fresh.id)).length) };
  }

  async function existing(owner: string, conversationId: string): Promise<HandoffRecord> {
    const record = await handoffs.load(await idOf(owner, conversationId));
    if (!record) throw notFound();
    return record;
  }

  /** Runs `change` then the sync under the lock; past the wait, `change` alone (the loop delivers later). */
  async function changeAndSync(id: string, change: () => Promise<void>): Promise<void> {
    const done = await locks.run(id, LOCK_WAIT_MS, async () => {
      await change();
      await syncer.run(id, { poll: false, now: true });
    });
    if (done === BUSY) {
      await change();
      await handoffs.setDue(id, now());
    }
  }

  /** A handoff the visitor may still write to: not deleted, not failed. */
  function writable(record: HandoffRecord): void {
    if (record.status === 'deleted') throw new RequestError(409, 'handoff_deleted', 'This conversation was deleted; start a new one to talk to a person.');
    if (record.status === 'failed') throw new RequestError(409, 'handoff_failed', 'This handoff could not go on; start a new one (POST /handoff) to talk to a person.');
  }

  /** Queues a message, after a reopen when the handoff is closed. */
  async function queueMessage(record: HandoffRecord, message: VisitorMessage): Promise<void> {
    if ((await handoffs.sentOutcome(record.id, message.id)) !== undefined) return;
    const latest = (await handoffs.load(record.id)) ?? record;
    // Closed, or closed by the visitor before the ticket even opened: a message reopens it.
    if (latest.status === 'closed' || latest.closedBy === 'visitor') {
      await handoffs.queue(record.id, `r:${message.id}`, { kind: 'reopen' });
      await handoffs.update(record.id, { status: latest.status === 'closed' ? 'open' : latest.status, closedBy: null });
    }
    await handoffs.queue(record.id, `m:${message.id}`, { kind: 'message', message });
    await handoffs.update(record.id, { lastActivityAt: now() });
  }

  async function deliveryOf(record: HandoffRecord, messageId: string | undefined, opPrefix: string): Promise<Delivery> {
    if (messageId !== undefined) {
      const outcome = await handoffs.sentOutcome(record.id, messageId);
      if (outcome !== undefined) return outcome === 'delivered' ? 'delivered' : 'failed';
    }
    const waiting = (await handoffs.operations(record.id)).some((operation) => operation.opId.startsWith(opPrefix));
    return waiting ? 'queued' : 'delivered';
  }

  let round: Promise<void> | undefined;
  async function retryRound(): Promise<void> {
    try {
      for (const { id, at } of await handoffs.due()) {
        if (at > now()) continue;
        await locks.run(id, 0, () => syncer.run(id, { poll: false }));
      }
    } catch (error) {
      options.report(error);
    }
  }
  function retryDue(): Promise<void> {
    round ??= retryRound().finally(() => (round = undefined));
    return round;
  }
  const timer = setInterval(() => void retryDue(), options.retryIntervalMs);
  // The loop must not keep a process alive that has nothing else to do (tests, a CLI stopping).
  timer.unref?.();

  return {
    helpdesk: adapter.helpdesk,
    poll: options.poll,
    async stop() {
      clearInterval(timer);
      await round;
    },

    async start(owner, input, userId) {
      const id = await idOf(owner, input.conversationId);
      let created = false;
      const done = await locks.run(id, LOCK_WAIT_MS, async () => {
        const record = await handoffs.load(id);
        // A deleted handoff whose erasure the helpdesk has not taken yet is kept until it has.
        if (record?.status === 'deleted' && record.anonymization === 'pending') return 'erasing';
        if (record && record.status !== 'deleted' && record.status !== 'failed') {
          if (input.firstMessage.id !== record.start?.firstMessage.id) await queueMessage(record, input.firstMessage);
        } else {
          if (record) await handoffs.erase(id);
          const at = now();
          await handoffs.update(id, {
            ref: newId().replace(/-/g, ''),
            owner,
            conversationId: input.conversationId,
            helpdesk: adapter.helpdesk,
            status: 'starting',
            startedAt: at,
            lastActivityAt: at,
            agent: null,
            attempts: 0,
            ratingChecks: 0,
            start: {
              conversationId: input.conversationId,
              firstMessage: input.firstMessage,
              transcript: input.transcript,
              locale: input.locale,
              visitor: { ...input.visitor, ...(userId === undefined ? {} : { userId }) },
              pageUrl: input.pageUrl,
            },
          });
          await handoffs.setDue(id, at);
          created = true;
        }
        await syncer.run(id, { poll: false, now: true });
      });
      if (done === BUSY) throw new RequestError(409, 'handoff_busy', 'This handoff is being updated by another request; try again in a moment.', { headers: { 'Retry-After': '1' } });
      if (done === 'erasing') throw new RequestError(409, 'handoff_deleted', 'This conversation was deleted and is still being erased at the helpdesk; start a new conversation to talk to a person.');
      const record = await handoffs.load(id);
      if (!record) throw notFound();
      return { ...(await state(record)), created };
    },

    async send(owner, conversationId, message) {
      const record = await existing(owner, conversationId);
      writable(record);
      await changeAndSync(record.id, () => queueMessage(record, message));
      return { ...(await state(record)), delivery: await deliveryOf(record, message.id, `m:${message.id}`) };
    },

    async close(owner, conversationId) {
      const record = await existing(owner, conversationId);
      writable(record);
      const opId = `c:${now()}`;
      await changeAndSync(record.id, async () => {
        const latest = (await handoffs.load(record.id)) ?? record;
        if (latest.status === 'closed' || latest.closedBy === 'visitor') return;
        await handoffs.queue(record.id, opId, { kind: 'close' });
        // Before the ticket opens, the close waits behind the start, which then ends closed (handoff-sync.ts).
        if (latest.status === 'starting') return handoffs.update(record.id, { closedBy: 'visitor', lastActivityAt: now() });
        await handoffs.update(record.id, { status: 'closed', closedBy: 'visitor', lastActivityAt: now() });
        await handoffs.append(record.id, [{ type: 'closed', by: 'visitor', id: `closed:${opId}`, at: new Date(now()).toISOString() }]);
      });
      return { ...(await state(record)), delivery: await deliveryOf(record, undefined, opId) };
    },

    async rate(owner, conversationId, rating) {
      const record = await existing(owner, conversationId);
      writable(record);
      const opId = `s:${now()}`;
      await changeAndSync(record.id, async () => {
        await handoffs.update(record.id, { rating: { ...rating, at: new Date(now()).toISOString() } });
        await handoffs.queue(record.id, opId, { kind: 'rating', rating });
      });
      return { ...(await state(record)), delivery: await deliveryOf(record, undefined, opId) };
    },

    async remove(owner, conversationId) {
      const record = await existing(owner, conversationId);
      if (record.status === 'deleted') return state(record);
      const change = async () => {
        const latest = (await handoffs.load(record.id)) ?? record;
        if (latest.status === 'deleted') return;
        await handoffs.purgeContent(record.id);
        const ticketId = latest.ticketId ?? latest.progress.ticketId;
        await handoffs.update(record.id, { status: 'deleted', anonymization: ticketId === undefined ? 'none' : 'pending', notice: null, pollNotice: null, attempts: 0, agent: null });
        if (ticketId === undefined) await handoffs.clearDue(record.id);
        else await handoffs.setDue(record.id, now());
      };
      await changeAndSync(record.id, change);
      return state(record);
    },

    async events(owner, conversationId, after) {
      let record = await existing(owner, conversationId);
      const interval = pollAfterMs(record, now(), options.poll);
      const due = record.status === 'starting' || (record.notice !== undefined && record.notice.retryAt <= now());
      const pollable = record.ticketId !== undefined && (record.status === 'open' || record.status === 'closed') && interval !== null;
      const poll = pollable && (await handoffs.pollAllowed(record.id, Math.max(1_000, interval - 250)));
      if (poll || due) await locks.run(record.id, 0, () => syncer.run(record.id, { poll }));
      record = (await handoffs.load(record.id)) ?? record;
      const { events, reset } = await handoffs.events(record.id, after);
      return { ...(await state(record)), events, reset, pollAfterMs: pollAfterMs(record, now(), options.poll) };
    },

    async view(owner, conversationId) {
      return state(await existing(owner, conversationId));
    },
  };
}
