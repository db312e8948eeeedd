/**
 * The acceptance suite's web server: the built `dist/` and the test pages as plain static
 * files (no dev-server transforms, exactly what a website serves), with the three reference
 * backends on the same origin. A second origin, "elsewhere", counts every request made to it,
 * so a test can prove that no remote image or beacon left the page.
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { createReferenceServers, type ReferenceServers, type ReferenceServersOptions } from '../../../demo/server/reference-servers';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DIST = join(ROOT, 'dist');
const PAGES = resolve(import.meta.dirname, '../pages');

/** The policy of case 9, sent as a header with every page whose name ends in `.csp.html`. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

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

export interface AcceptanceServer {
  /** `http://127.0.0.1:PORT`: pages under `/`, the build under `/dist/`, the APIs under `/api/…`. */
  url: string;
  /** Another origin; every request to it is recorded in `elsewhereHits`. */
  elsewhere: string;
  elsewhereHits: string[];
  servers: ReferenceServers;
  /** Serves `dir` under `/prefix/` (a host app the suite built). */
  mount(prefix: string, dir: string): void;
  /**
   * Resolves once no request has been in flight for a moment (a closed page's keepalive log
   * may still be on its way), or after 5 s.
   */
  idle(): Promise<void>;
  /** Clears every reference server's state, faults and stats, and the elsewhere log. */
  reset(): void;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<string>((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** Starts the server. Chat answers stream at `tokenDelayMs` per word (default 2 ms, fast but still streamed). */
export async function startAcceptanceServer(options: ReferenceServersOptions = {}): Promise<AcceptanceServer> {
  assertFreshBuild();
  const servers = createReferenceServers({ ...options, chat: { tokenDelayMs: 2, ...options.chat } });
  const mounts = new Map<string, string>([['/dist/', DIST]]);
  const elsewhereHits: string[] = [];

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
    const file = normalize(join(base, relative));
    if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (file.endsWith('.csp.html')) headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(await readFile(file));
  }

  let inFlight = 0;
  let lastRequestAt = 0;
  const main = createServer((req, res) => {
    inFlight++;
    lastRequestAt = performance.now();
    res.on('close', () => inFlight--);
    servers.handle(req, res, () => {
      serveFile(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
  });
  const other = createServer((req, res) => {
    elsewhereHits.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  const [url, elsewhere] = await Promise.all([listen(main), listen(other)]);

  return {
    url,
    elsewhere,
    elsewhereHits,
    servers,
    mount: (prefix, dir) => void mounts.set(`/${prefix.replace(/^\/|\/$/g, '')}/`, dir),
    async idle() {
      const quietMs = 150;
      const deadline = performance.now() + 5_000;
      while ((inFlight > 0 || performance.now() - lastRequestAt < quietMs) && performance.now() < deadline) {
        await new Promise((done) => setTimeout(done, 25));
      }
    },
    reset() {
      servers.analytics.reset();
      servers.chat.reset();
      servers.pulse.reset();
      elsewhereHits.length = 0;
    },
    async close() {
      main.closeAllConnections();
      other.closeAllConnections();
      await servers.close();
      await Promise.all([new Promise((done) => main.close(done)), new Promise((done) => other.close(done))]);
    },
  };
}
