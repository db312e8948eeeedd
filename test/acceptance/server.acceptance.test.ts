// Issue 15, "Done means": a site owner follows the README from a fresh machine to a page
// whose widget answers from their docs through a model. Everything is the built package:
// the `confab-chat` command (dist/server/cli.js, what `npx confab-chat` runs) serves a
// folder of docs through an OpenAI-compatible model (a fake one here, never a real API);
// the site is another origin whose page has the README's one script tag with `data-server`;
// each engine asks the widget, which answers from those docs and cites them, and its logs go
// through the server to the analytics API.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBackend, type Backend } from '../../demo/server/backend';
import { createInitScriptServer } from '../browser/engines/init-script-host';
import { launchEngine, type Engine } from '../browser/engines/launch';
import { startFakeUpstream, type FakeUpstream } from '../server/support/fake-upstream';
import { assertFreshBuild, DIST } from './support/acceptance-server';
import { askAndWait, inWidget, openPanel } from './support/widget-page';

const DOCS = {
  'index.md': '# Harbor\n\nHarbor ships containers to the edge.\n',
  'guides/keys.md': '# API keys\n\n## Rotating a key\n\nTo rotate a key, run `harbor keys rotate` and deploy within an hour.\n\nThe old key keeps working for sixty minutes.\n',
  'guides/regions.mdx': "import { Note } from '../components';\n\n# Regions\n\n<Note>\nHarbor runs in Frankfurt, Oregon and Singapore.\n</Note>\n",
};

let site: string;
let siteServer: Server;
let upstream: FakeUpstream;
let backend: Backend;
let cli: ChildProcess;
let cliOutput = '';
let confabUrl: string;
let engine: Engine;
let work: string;
/** Every load the site's page tried from an origin other than its own and the server's. */
const foreignLoads: string[] = [];
const FOREIGN_LOAD_REPORTS = '/__csp-reports';
const scripts = createInitScriptServer();

/** The site: its own origin, serving the page of the README's quick start and the built script. */
async function startSite(serverUrl: () => string): Promise<Server> {
  const script = await readFile(join(DIST, 'confab.js'));
  // Issue 14: the loader's chunks (the panel's entry and core, each feature's), hosted beside it as the README says.
  const chunks = new Map<string, Buffer>();
  for (const name of (await readdir(DIST)).filter((file) => /^confab-[\w-]+\.js$/.test(file))) chunks.set(`/${name}`, await readFile(join(DIST, name)));
  const server = createServer((req, res) => {
    if (scripts.handle(req, res)) return;
    if (req.url === FOREIGN_LOAD_REPORTS && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const report = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { 'csp-report'?: { 'blocked-uri'?: string } })['csp-report'];
        foreignLoads.push(report?.['blocked-uri'] ?? 'unknown');
        res.writeHead(204).end();
      });
      return;
    }
    if (req.url === '/confab.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const chunk = chunks.get(req.url ?? '');
    if (chunk) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(chunk);
    if (req.url === '/') {
      const confab = new URL(serverUrl()).origin;
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbor docs</title><link rel="icon" href="data:,"></head><body><h1>Harbor docs</h1>
<script src="/confab.js" data-server="${serverUrl()}" data-title="Ask Harbor"></script></body></html>`;
      return void res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': `default-src 'self'; img-src 'self' data:; connect-src 'self' ${confab}`,
          // Blocks nothing more; reports any load from elsewhere, so case 2 sees it in every engine.
          'content-security-policy-report-only': `default-src 'self' ${confab} data: 'unsafe-inline'; report-uri ${FOREIGN_LOAD_REPORTS}`,
        })
        .end(scripts.inject(html, req));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Runs the built command as `npx confab-chat serve …` would; resolves with the URL it prints. */
function startCli(args: string[], env: Record<string, string>): Promise<string> {
  cli = spawn(process.execPath, [join(DIST, 'server/cli.js'), 'serve', ...args], { cwd: work, env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    cli.stdout?.on('data', (chunk: Buffer) => {
      cliOutput += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(cliOutput);
      if (match?.[1]) resolve(match[1]);
    });
    cli.stderr?.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
    cli.on('exit', (code) => reject(new Error(`confab-chat serve exited with ${code}:\n${cliOutput}`)));
  });
}

beforeAll(async () => {
  assertFreshBuild();
  work = await mkdtemp(join(tmpdir(), 'confab-site-'));
  for (const [path, text] of Object.entries(DOCS)) {
    await mkdir(join(work, 'docs', path, '..'), { recursive: true });
    await writeFile(join(work, 'docs', path), text);
  }
  [upstream, backend] = await Promise.all([startFakeUpstream({ grounded: true }), startBackend({ port: 0 })]);
  siteServer = await startSite(() => confabUrl);
  site = `http://127.0.0.1:${(siteServer.address() as AddressInfo).port}`;
  engine = await launchEngine({ host: scripts.host(site) });
  confabUrl = await startCli(['--docs', './docs', '--docs-base-url', 'https://harbor.example/docs/', '--allowed-origin', site, '--port', '0'], {
    CONFAB_UPSTREAM_URL: upstream.baseUrl,
    CONFAB_UPSTREAM_KEY: 'sk-site-owner',
    CONFAB_UPSTREAM_MODEL: 'gpt-4o-mini',
    CONFAB_ANALYTICS_URL: backend.analytics.baseUrl,
    CONFAB_ANALYTICS_KEY: 'confab-demo-api-key',
  });
}, 60_000);

afterAll(async () => {
  cli?.kill('SIGTERM');
  await engine?.close();
  await new Promise((resolve) => siteServer?.close(resolve));
  await upstream?.close();
  await backend?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('deploying the server, as the README says', () => {
  it('1. the widget on the site answers from the site\'s docs through the model, cites them at their public URLs, and its log reaches the analytics API', async () => {
    const context = await engine.newContext();
    const page = await context.newPage();
    await page.goto(site);
    await openPanel(page);
    await askAndWait(page, 'How do I rotate a key?');

    const answer = inWidget(page, 'li.message.assistant').first();
    await vi.waitFor(async () => expect(await answer.innerText()).toContain('To rotate a key, run harbor keys rotate and deploy within an hour.'));
    const link = answer.locator('a[href="https://harbor.example/docs/guides/keys#rotating-a-key"]');
    await link.waitFor();
    expect(await link.innerText()).toContain('Rotating a key');

    const asked = upstream.requests.at(-1)!;
    expect(asked.headers.authorization, 'the key never left the server').toBe('Bearer sk-site-owner');
    expect(asked.body?.model).toBe('gpt-4o-mini');

    await vi.waitFor(() => expect([...backend.analytics.state.conversations.values()][0]?.messages.map((message) => message.role)).toEqual(['user', 'assistant']), { timeout: 15_000 });
    const errors = await page.errors();
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('2. the page holds no key and calls nothing but its own origin and the server', async () => {
    foreignLoads.length = 0;
    const context = await engine.newContext();
    const page = await context.newPage();
    const askedBefore = upstream.requests.length;
    await page.goto(site);
    await openPanel(page);
    await askAndWait(page, 'Which regions does Harbor run in?');
    expect(await inWidget(page, 'li.message.assistant').first().innerText()).toContain('Frankfurt, Oregon and Singapore');
    expect(upstream.requests.length, 'the answer came through the server').toBe(askedBefore + 1);
    expect(foreignLoads).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('sk-site-owner');
    await context.close();
  });
});
