/**
 * The acceptance suite's web server: the built `dist/` and the test pages as plain static
 * files (no dev-server transforms, exactly what a website serves), with the three reference
 * backends on the same origin. A second origin, "elsewhere", counts every request made to it,
 * so a test can prove that no remote image or beacon left the page.
 *
 * What a case observes, it observes here, the same in every engine: the requests the page
 * made to the APIs (with their bodies), every load it tried from another origin (through a
 * report-only CSP), and the network going away (the server drops every connection). Pages
 * served to a WebKit context carry the driver's init script (init-script-host.ts).
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { createInitScriptServer, type InitScriptHost } from '../../browser/engines/init-script-host';
import { createReferenceServers, type ReferenceServers, type ReferenceServersOptions } from '../../../demo/server/reference-servers';
import { createDemoConfab, DEMO_CONFAB_PATH } from '../../../demo/server/demo-confab';
import { toNodeListener, type ConfabHandler } from '../../../src/server';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DIST = join(ROOT, 'dist');
const PAGES = resolve(import.meta.dirname, '../pages');

/** The policy of case 9, sent as a header with every page whose name ends in `.csp.html`. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
/** Issue 14: the same policy enforcing Trusted Types, for every page whose name ends in `.tt.csp.html`. */
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'`;

/**
 * Sent as a header with every page whose name ends in `.sandboxed.html` (issue 11, storage 2):
 * the page runs at the top level in an opaque origin (`location.origin` is `"null"`), where
 * the browser denies IndexedDB and its requests to the APIs are cross-origin, from `null`.
 */
export const SANDBOX_CSP = 'sandbox allow-scripts';

/**
 * The file a page name is served from: `x.tt.csp.html` and `x.sandboxed.html` are `x.csp.html`
 * and `x.html` under another policy (the headers are chosen by the name asked for).
 */
const pageFile = (name: string) => name.replace(/\.tt(\.csp\.html)$/, '$1').replace(/\.sandboxed(\.html)$/, '$1');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Newest modification time under `dir`, recursively. */
function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The suite tests the build, so a missing or stale build fails loudly with the fix
 * (`npm test` builds before it runs the tests).
 */
export function assertFreshBuild(): void {
  const bundle = join(DIST, 'confab.js');
  if (!existsSync(bundle)) throw new Error('dist/confab.js is missing: run `npm run build` (`npm test` builds first).');
  if (statSync(bundle).mtimeMs < newestIn(join(ROOT, 'src'))) {
    throw new Error('dist/ is older than src/: run `npm run build` (`npm test` builds first).');
  }
}

/** A request a page made to the APIs, as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/pulse/v1/messages/m1/suggested?user=visitor-1`. */
  path: string;
  /** The body as text; empty when there is none. */
  body: string;
  /** The `Origin` header, when the browser sent one: `null` from an opaque origin (a sandboxed page). */
  origin?: string | undefined;
}

/** A test's own request to the APIs carries this header, so that `requests` holds only what pages sent. */
export const PROBE_HEADER = 'x-acceptance-probe';

/** Where a page's attempts to load from other origins are reported (the report-only policy's `report-uri`). */
const FOREIGN_LOAD_REPORTS = '/__csp-reports';

/**
 * Sent as report-only with every page when `watchForeignLoads` is on: it blocks nothing,
 * and every engine reports each fetch, image, frame, font, style or script the page tries to
 * load from anywhere but its own origin (or `data:`/`blob:`), before the request goes out.
 */
const FOREIGN_LOADS_POLICY = `default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; form-action 'self'; report-uri ${FOREIGN_LOAD_REPORTS}`;

export interface AcceptanceServerOptions extends ReferenceServersOptions {
  /** Report every load a page tries from another origin in `foreignLoads` (case 10). */
  watchForeignLoads?: boolean;
  /**
   * Also run the confab server (`confab-chat/server`, as the demo runs it) at `/api/confab`,
   * in front of the reference servers: chat from the docs, the analytics relay, and the human
   * handoff to the reference Dixa server.
   */
  confab?: boolean;
}

export interface AcceptanceServer {
  /** `http://127.0.0.1:PORT`: pages under `/`, the build under `/dist/`, the APIs under `/api/…`. */
  url: string;
  /** Another origin; every request to it is recorded in `elsewhereHits`. */
  elsewhere: string;
  elsewhereHits: string[];
  /** With `watchForeignLoads`: each URL a page tried to load from another origin, as the browser reported it. */
  foreignLoads: string[];
  /**
   * Every request a page made to `/api/…`, in the order the server received them (a test's
   * own requests say so with {@link PROBE_HEADER} and are left out).
   */
  requests: RecordedRequest[];
  servers: ReferenceServers;
  /** With `confab`: the confab server's handler (its store holds the handoffs). */
  confab: ConfabHandler | undefined;
  /** What the WebKit driver needs of the server (see init-script-host.ts). */
  initScriptHost: InitScriptHost;
  /**
   * The network goes away (`true`) or comes back: every open connection is cut (a streaming
   * answer stops mid-way) and every new one is dropped, as when a visitor's connection fails.
   * The same in every engine; unlike a browser's offline switch, the page is not told
   * (`navigator.onLine` stays true), as on a network that fails without saying so.
   */
  setOffline(offline: boolean): void;
  /** Serves `dir` under `/prefix/` (a host app the suite built). */
  mount(prefix: string, dir: string): void;
  /**
   * Resolves once no request has been in flight for `quietMs` (default 150 ms; a closed
   * page's keepalive log may still be on its way), or after 5 s.
   */
  idle(quietMs?: number): Promise<void>;
  /** Clears every reference server's state, faults and stats, the request logs, and goes online. */
  reset(): void;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<string>((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** Reads the whole body, and gives the handlers a request that replays it. */
async function teeBody(req: IncomingMessage): Promise<{ body: string; replay: IncomingMessage }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const replay = Object.assign(new PassThrough(), {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    socket: req.socket,
  });
  replay.end(body);
  return { body: body.toString('utf8'), replay: replay as unknown as IncomingMessage };
}

/** Starts the server. Chat answers stream at `tokenDelayMs` per word (default 2 ms, fast but still streamed). */
export async function startAcceptanceServer({ watchForeignLoads = false, confab: withConfab = false, ...options }: AcceptanceServerOptions = {}): Promise<AcceptanceServer> {
  assertFreshBuild();
  const servers = createReferenceServers({ ...options, chat: { tokenDelayMs: 2, ...options.chat } });
  const mounts = new Map<string, string>([['/dist/', DIST]]);
  const elsewhereHits: string[] = [];
  const foreignLoads: string[] = [];
  const requests: RecordedRequest[] = [];
  const initScripts = createInitScriptServer();
  const sockets = new Set<Socket>();
  let offline = false;
  let confab: ConfabHandler | undefined;
  let confabListener: ReturnType<typeof toNodeListener> | undefined;

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let base = PAGES;
    let relative = path === '/' ? '/index.html' : path;
    for (const [prefix, dir] of mounts) {
      if (path.startsWith(prefix)) {
        base = dir;
        relative = path.slice(prefix.length - 1);
        break;
      }
    }
    const file = normalize(join(base, pageFile(relative)));
    if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (relative.endsWith('.csp.html')) headers['content-security-policy'] = relative.endsWith('.tt.csp.html') ? TRUSTED_TYPES_CSP : STRICT_CSP;
    if (relative.endsWith('.sandboxed.html')) headers['content-security-policy'] = SANDBOX_CSP;
    // The built files, as a CDN serves them: a page in an opaque origin (a sandboxed page or
    // iframe) imports the panel's chunk cross-origin, which a module import does with CORS.
    if (file.startsWith(DIST)) headers['access-control-allow-origin'] = '*';
    const html = extname(file) === '.html';
    if (html && watchForeignLoads) headers['content-security-policy-report-only'] = FOREIGN_LOADS_POLICY;
    const content = await readFile(file);
    res.writeHead(200, headers).end(html ? initScripts.inject(content.toString('utf8'), req) : content);
  }

  /** Records a CSP report of a load from another origin (the JSON of `report-uri`). */
  async function recordForeignLoad(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const report = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { 'csp-report'?: { 'blocked-uri'?: string } })['csp-report'];
    foreignLoads.push(report?.['blocked-uri'] ?? 'unknown');
    res.writeHead(204).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (initScripts.handle(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === FOREIGN_LOAD_REPORTS && req.method === 'POST') return recordForeignLoad(req, res);
    if (path.startsWith('/api/') && !req.headers[PROBE_HEADER]) {
      const { body, replay } = await teeBody(req);
      requests.push({ method: req.method ?? 'GET', path: req.url ?? path, body, origin: req.headers.origin });
      req = replay;
    }
    if (confabListener && (path === DEMO_CONFAB_PATH || path.startsWith(`${DEMO_CONFAB_PATH}/`))) return void confabListener(req, res);
    servers.handle(req, res, () => {
      serveFile(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
  }

  let inFlight = 0;
  let lastRequestAt = 0;
  const main = createServer((req, res) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    inFlight++;
    lastRequestAt = performance.now();
    res.on('close', () => inFlight--);
    route(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  main.on('connection', (socket) => {
    if (offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const other = createServer((req, res) => {
    elsewhereHits.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  const [url, elsewhere] = await Promise.all([listen(main), listen(other)]);
  if (withConfab) {
    confab = createDemoConfab({ referenceUrl: url });
    await confab.ready;
    confabListener = toNodeListener(confab);
  }

  return {
    url,
    elsewhere,
    elsewhereHits,
    foreignLoads,
    requests,
    servers,
    confab,
    initScriptHost: initScripts.host(url),
    setOffline(value) {
      offline = value;
      if (offline) for (const socket of sockets) socket.destroy();
    },
    mount: (prefix, dir) => void mounts.set(`/${prefix.replace(/^\/|\/$/g, '')}/`, dir),
    async idle(quietMs = 150) {
      const deadline = performance.now() + 5_000;
      while ((inFlight > 0 || performance.now() - lastRequestAt < quietMs) && performance.now() < deadline) {
        await new Promise((done) => setTimeout(done, 25));
      }
    },
    reset() {
      servers.analytics.reset();
      servers.chat.reset();
      servers.pulse.reset();
      servers.dixa.reset();
      elsewhereHits.length = 0;
      foreignLoads.length = 0;
      requests.length = 0;
      offline = false;
    },
    async close() {
      main.closeAllConnections();
      other.closeAllConnections();
      await confab?.close({ graceMs: 0 });
      await servers.close();
      await Promise.all([new Promise((done) => main.close(done)), new Promise((done) => other.close(done))]);
    },
  };
}
