/**
 * The confab server with handoff on, in front of the reference Dixa server, as the route
 * tests run them: a clock both share and the tests move (poll throttles, retry times and
 * rate windows follow it; nothing waits for real time), and calls made as a visitor.
 */
import type { ConfabHandlerOptions, HandoffOptions } from '../../../src/server';
import type { DixaHandoffOptions } from '../../../src/server/handoff/dixa/dixa-options';
import { startConfab, type ConfabServer } from '../support/confab-server';
import { dixaSettings } from './dixa-support';

/** Two visitors, as the widget identifies them (`visitor_` and a uuid). */
export const VISITOR = 'visitor_3f0c8a52-5f0e-4a8e-9b1e-2d3c4b5a6978';
export const OTHER_VISITOR = 'visitor_0b1c2d3e-0000-4000-8000-00000000000b';

/** The tests' clock start: the Dixa harness's, 2026-01-01T00:00:00.123Z. */
export const T0 = Date.parse('2026-01-01T00:00:00.123Z');

export interface HandoffServer extends ConfabServer {
  /** Moves the confab server's clock. */
  advance(ms: number): void;
  /** A call as `visitor` (default {@link VISITOR}); JSON bodies. */
  as(visitor: string | null, path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** `as` for JSON: the status and the parsed body. */
  // any: tests reach into response bodies freely; the assertions check the shapes.
  json(path: string, init?: { method?: string; body?: unknown; visitor?: string | null }): Promise<{ status: number; body: any }>;
}

/** Starts the confab server with `handoff.dixa` on `dixaBase` (plus overrides). */
export async function startHandoffServer(
  dixaBase: string,
  options: { dixa?: Partial<DixaHandoffOptions>; handoff?: Omit<HandoffOptions, 'dixa'>; confab?: Partial<ConfabHandlerOptions>; clock?: { now: number } } = {},
): Promise<HandoffServer> {
  const clock = options.clock ?? { now: T0 };
  const confab = await startConfab({
    now: () => clock.now,
    handoff: { dixa: dixaSettings(dixaBase, options.dixa), retryIntervalMs: 60_000, ...options.handoff },
    ...options.confab,
  });
  const as: HandoffServer['as'] = (visitor, path, init = {}) =>
    confab.call(path, { ...init, headers: visitor === null ? {} : { Authorization: `Bearer ${visitor}` } });
  return Object.assign(confab, {
    advance(ms: number) {
      clock.now += ms;
    },
    as,
    async json(path: string, init: { method?: string; body?: unknown; visitor?: string | null } = {}) {
      const response = await as(init.visitor === undefined ? VISITOR : init.visitor, path, init);
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
  });
}

/** A start request of the widget for conversation `conversationId`. */
export function handoffBody(conversationId = 'conv_1', extra: Record<string, unknown> = {}) {
  return {
    conversationId,
    message: { id: 'msg_h1', text: 'Can a person check my invoice?' },
    transcript: [
      { role: 'user', text: 'Why was I charged twice?', createdAt: '2026-01-01T00:00:00Z' },
      { role: 'assistant', text: 'I could not find that in the docs.', createdAt: '2026-01-01T00:00:02Z' },
    ],
    locale: 'en',
    ...extra,
  };
}
