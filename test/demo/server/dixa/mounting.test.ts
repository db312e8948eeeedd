import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../../../demo/server/backend';
import { IDS, api, emailBody, expectData } from './harness';

const ROOT = new URL('../../../../', import.meta.url).pathname;

describe('mounting beside the other reference servers', () => {
  it('1. startBackend serves it at /api/dixa: POST /api/dixa/v1/conversations with the default token', async () => {
    const backend = await startBackend({ port: 0 });
    try {
      expect(backend.dixa.baseUrl).toBe(`${backend.url}/api/dixa`);
      expect(expectData(await api(backend.dixa.baseUrl, 'POST', '/v1/conversations', { body: emailBody() }), 201)).toEqual({ id: 100 });
      expect(backend.dixa.state.conversations.get(100)?.requesterId).toBe(IDS.requesterId);
      expect((await api(backend.url, 'GET', '/api/dixa/__test/stats', { auth: null })).json.requests).toBe(1);
      expect((await fetch(`${backend.analytics.baseUrl}/conversations`, { headers: { Authorization: 'Bearer confab-demo-api-key' } })).status).toBe(200);
    } finally {
      await backend.close();
    }
  });

  it('2. startBackend passes the Dixa options (tokens)', async () => {
    const backend = await startBackend({ port: 0, dixa: { tokens: { 'other-token': IDS.tokenUserId } } });
    try {
      expect((await api(backend.dixa.baseUrl, 'GET', '/v1/conversations/flows')).status).toBe(401);
      expect((await api(backend.dixa.baseUrl, 'GET', '/v1/conversations/flows', { auth: 'other-token' })).status).toBe(200);
    } finally {
      await backend.close();
    }
  });

  it('3. npm run backend takes the token from CONFAB_DIXA_TOKEN and prints it with the base URL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/cli.ts', '--port', '0'], { cwd: ROOT, env: { ...process.env, CONFAB_DIXA_TOKEN: 'env-dixa-token' } });
    let stdout = '';
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /Dixa API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/dixa)/.exec(stdout);
          if (match?.[1] && stdout.includes('Press Ctrl-C')) resolve(match[1]);
        });
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      expect(stdout).toMatch(/token +env-dixa-token/);
      expect(stdout).toContain(`${baseUrl}/__test/agent-reply`);
      expect((await api(baseUrl, 'GET', '/v1/conversations/flows', { auth: 'env-dixa-token' })).status).toBe(200);
      expect((await api(baseUrl, 'GET', '/v1/conversations/flows')).status).toBe(401);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('4. --help names the Dixa flags and the default token', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/cli.ts', '--help'], { cwd: ROOT, env: process.env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    for (const text of ['--dixa-token', '--dixa-data', 'CONFAB_DIXA_TOKEN', 'confab-demo-dixa-token']) expect(stdout).toContain(text);
  });
});
