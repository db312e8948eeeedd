/**
 * The startup benchmark's web server, in a process of its own: the acceptance suite's server
 * (the built `dist/`) with the bench pages under `/bench/`. The bench process runs Playwright's
 * client, whose event loop is busy with the page's protocol messages exactly while the page
 * asks for `confab.js`; served from there, the script waited for that event loop (15–45 ms
 * from the request's start to its first byte on the shared 2-core machine), a delay on the
 * launcher's path that the page without the widget never meets and that says nothing about
 * the widget. Served from a process of its own, as a site's server or a CDN would be, the
 * script's delivery is the same in every run, and the startup figure measures the widget.
 * The child prints `listening <url>` once ready.
 *
 *   node --import tsx bench/support/page-server.ts
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The running child and where it listens. */
export interface PageServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts this file in a child process; resolves once it listens. */
export function startPageServer(): Promise<PageServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'serve'], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening (\S+)$/m.exec(output);
      if (!match?.[1]) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: match[1],
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`The page server exited with ${code}: ${output}`)));
  });
}

async function serve(): Promise<void> {
  const { startAcceptanceServer } = await import('../../test/acceptance/support/acceptance-server');
  const server = await startAcceptanceServer();
  server.mount('bench', join(import.meta.dirname, '..', 'pages'));
  process.stdout.write(`listening ${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

if (process.argv[2] === 'serve') void serve();
