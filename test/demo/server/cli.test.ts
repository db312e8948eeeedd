import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Runs the CLI to completion and collects its output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'demo/server/cli.ts', ...args], { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cli', () => {
  it('1. --help prints the usage and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run backend -- [options]');
    for (const flag of ['--port', '--host', '--data', '--web-key', '--api-key', '--help']) expect(stdout).toContain(flag);
    expect(stdout).toContain('confab-demo-web-key');
  });

  it('2. an unknown flag is a clear error with exit status 2', async () => {
    const { code, stdout, stderr } = await runCli(['--prot', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: Unknown option '--prot'");
    expect(stderr).toContain('Run with --help for usage.');
  });

  it('3. a bad port is a clear error with exit status 2', async () => {
    const { code, stderr } = await runCli(['--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: --port must be an integer from 0 to 65535; got "eighty".');
  });

  it('4. starts, prints the URLs and the keys (env defaults), serves, and stops on SIGTERM', async () => {
    // node --import tsx runs in one process, so the SIGTERM reaches the server itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/cli.ts', '--port', '0', '--api-key', 'k1', '--api-key', 'k2'], {
      cwd: ROOT,
      env: { ...process.env, CONFAB_ANALYTICS_WEB_KEY: 'env-web' },
    });
    let stdout = '';
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /analytics API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/analytics)/.exec(stdout);
          if (match?.[1] && stdout.includes('Press Ctrl-C')) resolve(match[1]);
        });
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      expect(stdout).toContain('web key      env-web');
      expect(stdout).toContain('API key      k1, k2');
      expect(stdout).toContain('data file    (memory only)');
      expect(stdout).toMatch(/chat API +http:\/\/127\.0\.0\.1:\d+\/api\/chat\/v1 +\(OpenAI-compatible, no key; answers from the docs\)/);
      expect(stdout).toMatch(/PulseAI API +http:\/\/127\.0\.0\.1:\d+\/api\/pulse\/v1 +\(key app-confab-demo\)/);
      const res = await fetch(`${baseUrl}/conversations`, { headers: { Authorization: 'Bearer k2' } });
      expect(res.status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      // A failed assertion must not leave the server running after the test.
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
