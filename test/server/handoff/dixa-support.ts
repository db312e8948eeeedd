/**
 * Helpers of the handoff tests: the reference Dixa server (demo/server/dixa, the contract's
 * stand-in) on a free port, the adapter's settings for its fixture, a fetch seam that
 * records each call and can fault it (the `X-Fake-Fault` header, a lost answer), a start
 * request, and an in-memory start progress.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDixaServer, type DixaServer } from '../../../demo/server/dixa/create-dixa-server';
import { DIXA_IDS } from '../../../demo/server/dixa/fixture';
import type { HandoffStart, StartProgress } from '../../../src/server/handoff/handoff-adapter';
import type { HandoffError } from '../../../src/server/handoff/handoff-error';
import { createDixaAdapter } from '../../../src/server/handoff/dixa/dixa-adapter';
import { dixaOptionsSchema, resolveDixaOptions, type DixaHandoffOptions, type ResolvedDixaOptions } from '../../../src/server/handoff/dixa/dixa-options';
import { startDixa, TOKEN } from '../../demo/server/dixa/harness';

export { DIXA_IDS, startDixa, TOKEN };

/** The settings an operator of the fixture's organisation writes. */
export function dixaSettings(baseUrl: string, overrides: Partial<DixaHandoffOptions> = {}): DixaHandoffOptions {
  return {
    baseUrl,
    apiToken: TOKEN,
    requesterId: DIXA_IDS.requesterId,
    queueId: DIXA_IDS.queueId,
    emailIntegrationId: DIXA_IDS.emailIntegrationId,
    handoffTagId: DIXA_IDS.handoffTagId,
    conversationAttributeId: DIXA_IDS.sessionAttributeId,
    ...overrides,
  };
}

/** `dixaSettings` checked and resolved, as the handler does. */
export const resolvedSettings = (baseUrl: string, overrides: Partial<DixaHandoffOptions> = {}): ResolvedDixaOptions => resolveDixaOptions(dixaOptionsSchema.parse(dixaSettings(baseUrl, overrides)));

/** One call the adapter made. */
export interface SeenCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records calls; `fault(match)` decides a fault for the next matching call. */
export interface FetchSeam {
  fetch: typeof fetch;
  calls: SeenCall[];
  /** Adds `X-Fake-Fault: value` to the next call whose "METHOD path" matches. */
  faultNext(match: RegExp, value: string): void;
  /** Rewrites the JSON `data` of answers to matching calls. */
  rewrite(match: RegExp, change: (data: unknown) => unknown): void;
  /** Runs `action` just before the next matching call goes out (e.g. to arm a server fault for it). */
  beforeNext(match: RegExp, action: () => void): void;
}

export function fetchSeam(): FetchSeam {
  const calls: SeenCall[] = [];
  const faults: Array<{ match: RegExp; value: string }> = [];
  const rewrites: Array<{ match: RegExp; change: (data: unknown) => unknown }> = [];
  const hooks: Array<{ match: RegExp; action: () => void }> = [];
  const seam: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers));
    const label = `${init.method ?? 'GET'} ${url.pathname.replace(/^\/api\/dixa/, '')}`;
    calls.push({ method: init.method ?? 'GET', path: `${url.pathname.replace(/^\/api\/dixa/, '')}${url.search}`, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const hook = hooks.findIndex((candidate) => candidate.match.test(label));
    if (hook >= 0) hooks.splice(hook, 1)[0]!.action();
    const fault = faults.findIndex((candidate) => candidate.match.test(label));
    if (fault >= 0) {
      headers['x-fake-fault'] = faults[fault]!.value;
      faults.splice(fault, 1);
    }
    const response = await fetch(input, { ...init, headers });
    const rewrite = rewrites.find((candidate) => candidate.match.test(label));
    if (!rewrite || !response.ok) return response;
    const body = (await response.json()) as { data: unknown };
    return new Response(JSON.stringify({ data: rewrite.change(body.data) }), { status: response.status, headers: response.headers });
  };
  return {
    fetch: seam,
    calls,
    faultNext: (match, value) => faults.push({ match, value }),
    rewrite: (match, change) => rewrites.push({ match, change }),
    beforeNext: (match, action) => hooks.push({ match, action }),
  };
}

/** A handoff start as the server makes it from the widget's request. */
export function startRequest(overrides: Partial<HandoffStart> = {}): HandoffStart {
  return {
    handoffId: '0123456789abcdef0123456789abcdef',
    conversationId: 'conv_7d1c',
    firstMessage: { id: 'msg_first', text: 'I was charged twice for my invoice', createdAt: '2026-01-01T00:05:00.000Z' },
    transcript: [
      { role: 'user', text: 'Why was I charged twice?', createdAt: '2026-01-01T00:01:00.000Z' },
      { role: 'assistant', text: 'I could not find that in the docs.', createdAt: '2026-01-01T00:01:05.000Z' },
    ],
    locale: 'en-GB',
    ...overrides,
  };
}

/** A progress kept in memory, as the server's store keeps it. */
export function memoryProgress(): StartProgress & { fields: Record<string, string>; ticketIds: string[] } {
  const fields: Record<string, string> = {};
  const ticketIds: string[] = [];
  return {
    fields,
    ticketIds,
    get saved() {
      return { ...fields };
    },
    async save(changes) {
      Object.assign(fields, changes);
    },
    async created(ticketId) {
      ticketIds.push(ticketId);
    },
  };
}

/** The adapter on `baseUrl` through `seam`, collecting its warnings. */
export function adapterOn(baseUrl: string, seam: FetchSeam, overrides: Partial<DixaHandoffOptions> = {}) {
  const warnings: HandoffError[] = [];
  const adapter = createDixaAdapter({ options: resolvedSettings(baseUrl, overrides), fetch: seam.fetch, warn: (error) => warnings.push(error) });
  return { adapter, warnings };
}

/** A reference Dixa server that can be stopped and started again on the same port, keeping its conversations in `dataPath`. */
export interface RestartableDixa {
  /** `http://127.0.0.1:PORT/api/dixa` (the same across restarts). */
  base: string;
  /** The server running now (a new object after each restart). */
  readonly dixa: DixaServer;
  /** Stops listening (connections refused) and writes the state; `start` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a Dixa server persisted in `dataPath`, restartable on one port. */
export async function startRestartableDixa(dataPath: string): Promise<RestartableDixa> {
  let dixa = createDixaServer({ dataPath });
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    const listening = createServer((req, res) => void dixa.handle(req, res));
    await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
    port = (listening.address() as AddressInfo).port;
    server = listening;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (running) {
      running.closeAllConnections();
      await new Promise<void>((resolve) => running.close(() => resolve()));
    }
    await dixa.close();
  };
  await listen();
  return {
    base: `http://127.0.0.1:${port}${dixa.basePath}`,
    get dixa() {
      return dixa;
    },
    stop,
    async start() {
      dixa = createDixaServer({ dataPath });
      await listen();
    },
    close: stop,
  };
}
