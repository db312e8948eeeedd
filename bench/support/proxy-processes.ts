/**
 * The processes of the proxy benchmark, each on its own so none takes CPU from another's
 * event loop: the upstream (the reference OpenAI-compatible server, the model's stand-in)
 * and the confab server (the built `dist/server`, as a site runs it) in front of it. The
 * bench process is the client. Each child prints `listening <url>` once ready.
 *
 *   node --import tsx bench/support/proxy-processes.ts upstream
 *   node --import tsx bench/support/proxy-processes.ts confab <upstream base URL>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A running child and where it listens. */
export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts this file as `role` in a child process; resolves once it listens. */
export function startChild(role: 'upstream' | 'confab', ...args: string[]): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'proxy-processes.ts'), role, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening (\S+)$/m.exec(output);
      if (!match?.[1]) return;
      // The access log keeps coming; it is read and dropped so the pipe never fills.
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        url: match[1],
        pid: child.pid ?? 0,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}: ${output}`)));
  });
}

async function runUpstream(): Promise<void> {
  const { createChatServer } = await import('../../demo/server/chat/create-chat-server');
  const chat = createChatServer({ basePath: '/v1', tokenDelayMs: 0 });
  const server = createServer((req, res) => void chat.handle(req, res));
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/v1\n`));
  process.once('SIGTERM', () => process.exit(0));
}

async function runConfab(upstreamUrl: string): Promise<void> {
  // The built package, as a site installs it.
  const server = (await import(join(ROOT, 'dist/server/index.js'))) as typeof import('../../src/server');
  const { demoDocuments } = await import('../../demo/server/docs-corpus');
  const handler = server.createConfabHandler({
    allowedOrigins: ['http://bench.local'],
    upstream: { baseUrl: upstreamUrl, model: 'confab-docs' },
    docs: demoDocuments(),
    // One client IP sends everything here: limits would measure themselves, not the proxy.
    rateLimit: false,
    // The long answers must not be cut at the default answer cap (1,024 tokens).
    limits: { maxTokens: 1_000_000 },
    log: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
  });
  const running = await server.serve(handler, { port: 0 });
  process.stdout.write(`listening ${running.url}${handler.basePath}\n`);
  process.once('SIGTERM', () => void running.close({ graceMs: 0 }).then(() => process.exit(0)));
}

const [role, arg] = process.argv.slice(2);
if (role === 'upstream') void runUpstream();
else if (role === 'confab' && arg) void runConfab(arg);
