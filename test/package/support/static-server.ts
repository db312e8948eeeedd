/**
 * A static file server on 127.0.0.1 (an ephemeral port) that serves folders under path
 * prefixes and records every request it gets, as a CDN or a site's host would.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `METHOD /path` of every request, in order. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * Serves `mounts` (`/prefix/` → folder; `index.html` for a folder), with `headers` on every
 * answer; anything else is a 404.
 */
export async function startStaticServer(mounts: Record<string, string>, headers: OutgoingHttpHeaders = {}): Promise<StaticServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.push(`${req.method} ${path}`);
    const prefix = Object.keys(mounts).find((candidate) => path.startsWith(candidate));
    const base = prefix === undefined ? undefined : mounts[prefix];
    let file = base === undefined || prefix === undefined ? undefined : normalize(join(base, path.slice(prefix.length)));
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !base || !file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end(`not found: ${path}`);
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers }).end(body),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
