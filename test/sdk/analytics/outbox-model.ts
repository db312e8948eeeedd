import fc from 'fast-check';
import { createAnalytics, type Analytics } from '../../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore, type OutboxStore } from '../../../src/sdk/analytics/outbox-store';
import type { CreateConversation } from '../../../src/sdk/analytics/schemas';
import { sampleConversation } from '../../fixtures/conversations';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeLifecycle, type FakeLifecycle } from '../../support/fake-lifecycle';
import { queuedEntries } from '../../support/outbox-entries';
import { createSharedLocks } from '../../support/shared-locks';

/** The world the outbox's model-based test runs programs in (outbox.model.test.ts). */

// Loaded once here, so the development checks createAnalytics imports resolve at once, not at a
// moment the scheduler does not control.
await import('../../../src/sdk/analytics/check-input');

export const CONVERSATIONS = ['c0', 'c1', 'c2'];
const TABS = 3;
const LATE_LANDING_MS = 60_000;

export type Fate = { kind: 'ok' } | { kind: 'status'; status: 503 | 429 } | { kind: 'reset-before' } | { kind: 'reset-after' } | { kind: 'late'; afterMs: number };

export type Step =
  | { type: 'log'; tab: number; conversation: string; redactSteps: number }
  | { type: 'vote'; tab: number; conversation: string }
  | { type: 'delete'; tab: number; conversation: string; thenLeave: boolean }
  | { type: 'flush'; tab: number }
  | { type: 'leave'; tab: number }
  | { type: 'crash'; tab: number }
  | { type: 'tick'; ms: number }
  | { type: 'run'; tasks: number };

const tab = fc.integer({ min: 0, max: TABS - 1 });
const conversation = fc.constantFrom(...CONVERSATIONS);
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('log' as const), tab, conversation, redactSteps: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('vote' as const), tab, conversation }) },
  // `thenLeave`: the reader deletes and closes the tab at once (its keepalive may send the delete).
  { weight: 1, arbitrary: fc.record({ type: fc.constant('delete' as const), tab, conversation, thenLeave: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('flush' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('leave' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('crash' as const), tab }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('run' as const), tasks: fc.integer({ min: 1, max: 12 }) }) },
);
export const fateArb: fc.Arbitrary<Fate> = fc.oneof(
  { weight: 7, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'status' as const, status: 503 as const }, { kind: 'status' as const, status: 429 as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'reset-before' as const }, { kind: 'reset-after' as const }) },
  // Within the window of being sent, less the few milliseconds the program's steps may put
  // between a claim and its send.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('late' as const), afterMs: fc.integer({ min: 1, max: LATE_LANDING_MS - 1_000 }) }) },
);

interface Send {
  key: string;
  version: number;
}

/** Turns in version `version` of a conversation: it grows, as a reader's does, up to four. */
const turnsOf = (version: number) => Math.min(version, 4);

function versionOf(id: string, version: number): CreateConversation {
  const conversation = sampleConversation(id, turnsOf(version));
  return { ...conversation, properties: { ...conversation.properties, version } };
}

/** Three tabs, one store, one server, one clock, all async steps under the fast-check scheduler. */
function createWorld(scheduler: fc.Scheduler, fates: readonly Fate[], storeName: string) {
  const clock = createFakeClock();
  const durable = createMemoryOutboxStore();
  const locks = createSharedLocks();
  // As the reference server: a delete removes the feedback on the messages its copy holds.
  const server = { conversations: new Map<string, number>(), messages: new Map<string, string[]>(), feedback: new Map<string, string>(), sends: [] as Send[], trace: [] as string[] };
  let fateIndex = 0;
  let healed = false;
  let lateLandings = 0;
  let tabCounter = 0;

  function commit(method: string, path: string, body: Record<string, unknown>) {
    server.trace.push(`${clock.now()} commit ${method} ${path} ${String(body['id'] ?? '')} v${String((body['properties'] as { version?: number } | undefined)?.version ?? '')}`);
    if (method === 'POST' && path === '/conversations') {
      server.conversations.set(String(body['id']), Number((body['properties'] as { version: number }).version));
      server.messages.set(String(body['id']), (body['messages'] as Array<{ id: string }>).map((message) => message.id));
    }
    if (method === 'POST' && path === '/feedback') server.feedback.set(String(body['id']), String(body['messageId']));
    if (method === 'DELETE') {
      const id = decodeURIComponent(path.split('/').at(-1)!);
      const held = server.messages.get(id) ?? [];
      if (!server.conversations.delete(id)) return false;
      for (const [feedbackId, messageId] of server.feedback) if (held.includes(messageId)) server.feedback.delete(feedbackId);
    }
    return true;
  }

  function makeTab() {
    const name = `tab${tabCounter++}`;
    let alive = true;
    const lifecycle: FakeLifecycle = createFakeLifecycle();
    const never = new Promise<never>(() => undefined);
    /** Each async step of a tab waits for the scheduler; a crashed tab's steps never run. */
    const step = async <T>(work: () => Promise<T>): Promise<T> => {
      await scheduler.schedule(Promise.resolve(), name);
      return alive ? work() : never;
    };
    const store: OutboxStore = {
      durable: true,
      update: (key, change, alsoRead) => step(() => durable.update(key, change, alsoRead)),
      records: (section) => step(() => durable.records(section)),
    };
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const calledAt = clock.now();
      await step(async () => undefined);
      const method = init.method ?? 'GET';
      const path = new URL(String(input)).pathname;
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      if (path === '/conversations' || method === 'DELETE') {
        const id = path === '/conversations' ? String(body['id']) : decodeURIComponent(path.split('/').at(-1)!);
        server.sends.push({ key: id, version: method === 'DELETE' ? Number.POSITIVE_INFINITY : Number((body['properties'] as { version: number }).version) });
      }
      // The outbox counts on a request landing within the late-landing window of being sent, or
      // never: one the scheduler held longer never reached the server.
      const tooLate = clock.now() - calledAt >= LATE_LANDING_MS;
      const fate: Fate = tooLate ? { kind: 'reset-before' } : healed ? { kind: 'ok' } : (fates[fateIndex++ % fates.length] ?? { kind: 'ok' });
      server.trace.push(`${clock.now()} ${name} ${method} ${path} ${String(body['id'] ?? '')} v${String((body['properties'] as { version?: number } | undefined)?.version ?? '')}${init.keepalive ? ' keepalive' : ''} called ${calledAt} ${fate.kind}`);
      if (process.env['MODEL_TRACE']) server.trace.push(JSON.stringify((await durable.records('queue')).map(([key, value]) => [key, (value as { kind: string }).kind, (value as { openSends?: unknown[] }).openSends, (value as { sweep?: boolean }).sweep])));
      const answer = (committed: boolean) =>
        committed || method !== 'DELETE'
          ? Response.json(method === 'DELETE' ? { success: true, message: 'deleted' } : { ...body, id: body['id'] ?? 'srv' })
          : Response.json({ title: 'Not Found', status: 404, detail: 'gone', code: 'not_found', error: { code: 'not_found', message: 'gone' } }, { status: 404 });
      switch (fate.kind) {
        case 'ok':
          // Committed when the scheduler lets the server get to it: within the window, or never
          // (a request held past it died in the network; its client gave up long before).
          return step(async () => answer(clock.now() - calledAt < LATE_LANDING_MS && commit(method, path, body)));
        case 'status':
          return step(async () => Response.json({ title: 'x', status: fate.status, detail: 'x', code: 'x', error: { code: 'x', message: 'x' } }, { status: fate.status, headers: { 'Retry-After': '1' } }));
        case 'reset-before':
          throw new TypeError('reset before the server read it');
        case 'reset-after':
          commit(method, path, body);
          throw new TypeError('reset after the server committed');
        case 'late':
          lateLandings++;
          clock.setTimeout(() => {
            lateLandings--;
            commit(method, path, body);
          }, Math.max(0, calledAt + fate.afterMs - clock.now()));
          // No answer until the client gives up (its timeout aborts the signal, perhaps already).
          return new Promise<Response>((_, reject) => {
            const giveUp = () => reject(new DOMException('aborted', 'AbortError'));
            if (init.signal?.aborted) giveUp();
            else init.signal?.addEventListener('abort', giveUp);
          });
      }
    };
    const analytics = createAnalytics({
      baseUrl: 'http://api.test',
      apiKey: 'k',
      storeName,
      fetch: fetch as typeof globalThis.fetch,
      store,
      clock,
      lifecycle,
      locks: locks.forTab(name),
      random: () => 0.5,
      timeoutMs: 5_000,
      flushDelayMs: 500,
      retryPolicy: { maxDelayMs: 30_000, maxRetryAfterMs: 30_000, lateLandingMs: LATE_LANDING_MS },
      redact: async (conversation) => {
        const steps = redactSteps.shift() ?? 0;
        for (let index = 0; index < steps; index++) await step(async () => undefined);
        return conversation;
      },
      onError: () => undefined,
    });
    const redactSteps: number[] = [];
    return {
      analytics,
      lifecycle,
      redactSteps,
      operations: [] as Array<{ settled: boolean }>,
      get crashed() {
        return !alive;
      },
      crash() {
        alive = false;
        locks.crash(name);
      },
    };
  }

  return {
    clock,
    durable,
    server,
    makeTab,
    locks,
    heal() {
      healed = true;
    },
    get lateLandings() {
      return lateLandings;
    },
  };
}

interface Tab {
  analytics: Analytics;
  lifecycle: FakeLifecycle;
  redactSteps: number[];
  crash(): void;
  /** Operations started in this tab; a crashed tab's never settle. */
  operations: Array<{ settled: boolean }>;
  crashed: boolean;
}

let worldCounter = 0;

export async function runProgram(scheduler: fc.Scheduler, steps: readonly Step[], fates: readonly Fate[]) {
  const world = createWorld(scheduler, fates, `model-${worldCounter++}`);
  const tabs: Tab[] = Array.from({ length: TABS }, () => world.makeTab());
  const everyTab = [...tabs];
  const model = {
    version: new Map<string, number>(),
    queued: new Map<string, number>(),
    deleteQueued: new Set<string>(),
    deleteAsked: new Set<string>(),
    /** Per conversation, the feedback ids of the votes queued on it. */
    votes: new Map<string, Set<string>>(),
  };
  const ignore = () => undefined;
  const track = (target: Tab, operation: Promise<unknown>) => {
    const entry = { settled: false };
    target.operations.push(entry);
    void operation.catch(ignore).finally(() => (entry.settled = true));
  };
  /** Operations of live tabs not yet settled (a crashed tab's never settle, and do not count). */
  const liveUnsettled = () => everyTab.filter((item) => !item.crashed).flatMap((item) => item.operations).filter((operation) => !operation.settled).length;

  for (const step of steps) {
    world.clock.advance(1); // operations take time: no two calls share a millisecond
    const target = 'tab' in step ? tabs[step.tab]! : undefined;
    switch (step.type) {
      case 'log': {
        const version = (model.version.get(step.conversation) ?? 0) + 1;
        model.version.set(step.conversation, version);
        target!.redactSteps.push(step.redactSteps);
        track(
          target!,
          target!.analytics.logConversation(versionOf(step.conversation, version)).then(() => {
            model.queued.set(step.conversation, Math.max(model.queued.get(step.conversation) ?? 0, version));
          }),
        );
        break;
      }
      case 'vote': {
        // As a reader votes: on the newest answer of a conversation already logged, and not deleted.
        const logged = model.queued.get(step.conversation);
        if (logged === undefined || model.deleteAsked.has(step.conversation)) break;
        const messageId = `${step.conversation}_a${turnsOf(logged) - 1}`;
        const votes = model.votes.get(step.conversation) ?? new Set<string>();
        model.votes.set(step.conversation, votes);
        track(target!, target!.analytics.logFeedback({ type: 'positive', messageId }, { conversationId: step.conversation }).then(() => votes.add(`fb_${messageId}`)));
        break;
      }
      case 'delete':
        model.deleteAsked.add(step.conversation);
        track(
          target!,
          target!.analytics.deleteConversation(step.conversation).then(() => {
            model.deleteQueued.add(step.conversation);
            if (step.thenLeave) target!.lifecycle.emit('leaving');
          }),
        );
        break;
      case 'flush':
        track(target!, target!.analytics.flush());
        break;
      case 'leave':
        target!.lifecycle.emit('leaving');
        break;
      case 'crash':
        target!.crash();
        tabs[step.tab] = world.makeTab();
        everyTab.push(tabs[step.tab]!);
        break;
      case 'tick':
        // Time passes once pending work has gone as far as it can: in a browser a claimed entry
        // is sent within microseconds, never across seconds of nothing else happening.
        await scheduler.waitIdle();
        world.clock.advance(step.ms);
        break;
      case 'run':
        for (let index = 0; index < step.tasks && scheduler.count() > 0; index++) await scheduler.waitNext(1);
        break;
    }
  }

  // The server heals; a fresh tab joins; time runs until nothing is pending.
  world.heal();
  everyTab.push(world.makeTab());
  let drained = false;
  for (let round = 0; round < 400 && !drained; round++) {
    await scheduler.waitIdle();
    // What the scheduler does not see: BroadcastChannel messages between the tabs.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await scheduler.waitIdle();
    const stillRunning = everyTab.filter((item) => !item.crashed).length > 0 && liveUnsettled() > 0;
    const pending = await queuedEntries(world.durable);
    drained = pending.length === 0 && world.lateLandings === 0 && !stillRunning;
    if (!drained) world.clock.advance(5_000);
  }
  return { world, model, drained };
}

