import { spawn } from 'node:child_process';

/** The reference backend (`npm run backend`) in a child process, and how to read its servers' state. */
export interface BackendProcess {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** What a server's `__state` test route answers (`analytics`, `pulse`). */
  state<T>(server: 'analytics' | 'pulse'): Promise<T>;
  /** Clears a server's state (`__reset`). */
  reset(server: 'analytics' | 'pulse'): Promise<void>;
  stop(): void;
}

/**
 * Starts `demo/server/cli.ts` on a free port (run from the repository root, as vitest is). For suites that run in jsdom, where the servers
 * cannot be imported (their modules find the repository through `import.meta.url`, which jsdom
 * test files do not get as a file URL).
 */
export async function startBackendProcess(): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/cli.ts', '--port', '0'], { cwd: process.cwd(), env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] && out.includes('Press Ctrl-C')) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`The reference backend exited (${code}) before listening:\n${out}`)));
  });
  const route = (server: 'analytics' | 'pulse', name: string) => `${url}/api/${server}${server === 'pulse' ? '/v1' : ''}/${name}`;
  return {
    url,
    state: async <T,>(server: 'analytics' | 'pulse') => (await (await fetch(route(server, '__state'))).json()) as T,
    reset: async (server) => void (await fetch(route(server, '__reset'), { method: 'POST' })),
    stop: () => child.kill('SIGTERM'),
  };
}
