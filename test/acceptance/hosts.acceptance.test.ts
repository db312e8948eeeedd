// Issue 5, case 8: the npm entries in three host apps, built here the way an app is built
// (Vite, production) from test/acceptance/hosts/: a plain ES-module page, React 19 and Vue 3.
// Each host sets attributes and the `config` property, calls the element's methods from its
// own buttons and records the events its own handlers receive; the test reads that record.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from '../browser/engines/page';
import { HOST_QUESTION, hostAttributes, type HostName, type RecordedEvent } from './hosts/host-contract';
import { DIST } from './support/acceptance-server';
import { inWidget, useAcceptanceSuite, waitForAnswers } from './support/browser';

const HOST_SOURCES = resolve(import.meta.dirname, 'hosts');
const HOSTS: readonly { name: HostName; label: string }[] = [
  { name: 'esm', label: 'an ES-module page importing confab-chat from npm' },
  { name: 'react', label: 'a React 19 app' },
  { name: 'vue', label: 'a Vue 3 app' },
];

/**
 * Builds one host app as its own project would: `confab-chat` and `confab-chat/element` resolve to the
 * built package (as from node_modules), Vue to its full build because the host's template is
 * compiled in the browser.
 */
async function buildHost(name: HostName, outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    root: join(HOST_SOURCES, name),
    base: `/hosts/${name}/`,
    resolve: {
      alias: [
        { find: /^confab-chat$/, replacement: join(DIST, 'index.js') },
        { find: /^confab-chat\/element$/, replacement: join(DIST, 'element.js') },
        { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
      ],
    },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    // Unminified: the build takes a fraction of the time and the page behaves the same.
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
}

const suite = useAcceptanceSuite();
let builtHosts = '';

beforeAll(async () => {
  builtHosts = await mkdtemp(join(tmpdir(), 'confab-hosts-'));
  for (const { name } of HOSTS) {
    await buildHost(name, join(builtHosts, name));
    suite.server.mount(`hosts/${name}`, join(builtHosts, name));
  }
}, 60_000);

afterAll(async () => {
  if (builtHosts) await rm(builtHosts, { recursive: true, force: true });
});

const hostEvents = (page: Page) => page.evaluate(() => window.hostEvents);
const eventTypes = async (page: Page) => (await hostEvents(page)).map((event) => event.type);
const lastEvent = async (page: Page, type: string): Promise<RecordedEvent['detail']> => (await hostEvents(page)).findLast((event) => event.type === type)?.detail;

/** The perceived brightness (0–255) of a computed `rgb(…)` colour. */
function brightness(color: string): number {
  const [red = 255, green = 255, blue = 255] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return 0.299 * red + 0.587 * green + 0.114 * blue;
}

describe('host apps', () => {
  for (const { name, label } of HOSTS) {
    it(`8. ${label} sets attributes and config, calls the methods and receives the events`, async () => {
      const context = await suite.newContext();
      const page = await suite.openPage(context, `/hosts/${name}/index.html`);
      const chat = page.locator('confab-chat');
      const panel = inWidget(page, '[part~=panel]');

      // Attributes and the config property, as the host set them. React and Vue bind `open`
      // too (to false), which they assign to the element's property: open() must survive it.
      await page.locator('#open').click();
      await panel.waitFor({ state: 'visible' });
      expect(await inWidget(page, '.title').innerText(), 'the title attribute').toBe(hostAttributes(name).title);
      expect(await chat.getAttribute('data-theme'), 'the theme attribute, resolved').toBe('dark');
      expect(brightness(await panel.evaluate((element) => getComputedStyle(element).backgroundColor)), 'a dark panel').toBeLessThan(80);
      expect(await inWidget(page, '.welcome').innerText(), 'the welcome from the config property').toBe(`Welcome to the ${name} host.`);
      expect(await inWidget(page, '[part~=input]').getAttribute('placeholder')).toBe('Ask a question…');
      expect(await hostEvents(page)).toEqual([{ type: 'confab-open', detail: {} }]);

      // send() from the host: the answer arrives, the host's handler and state see it.
      await page.locator('#ask').click();
      await waitForAnswers(page, 1);
      expect(await inWidget(page, 'li.message.user').innerText()).toContain(HOST_QUESTION);
      await expect.poll(() => page.locator('#answers').innerText(), { message: 'the host rendered its own answer count' }).toBe('1');
      const message = (await lastEvent(page, 'confab-message')) as { conversationId: string; message: { id: string; role: string; content: string; status: string } };
      expect(message.message).toMatchObject({ role: 'assistant', status: 'done' });
      expect(message.message.content.length).toBeGreaterThan(20);

      // The analytics server holds the conversation, under the id the event named, with the config's user and tags.
      // Looked up by that id: a keepalive log of the last test's page, closed a moment ago, may still land.
      const conversations = () => [...suite.server.servers.analytics.state.conversations.values()].filter((conversation) => conversation.id === message.conversationId);
      await vi.waitFor(() => expect(conversations()[0]?.messages.map((logged) => logged.role)).toEqual(['user', 'assistant']), { timeout: 10_000 });
      const logged = conversations()[0]!;
      expect(logged.messages[0]!.content).toBe(HOST_QUESTION);
      expect(logged.messages[1]!.id).toBe(message.message.id);
      expect(logged.userProperties).toMatchObject({ id: `${name}-reader`, name: 'Ada', identificationType: 'ID_PROVIDED' });
      expect(logged.tags).toContain(`host-${name}`);

      // A vote in the widget reaches the host's handler with its detail, and the analytics server.
      await inWidget(page, '[part~=feedback-positive]').click();
      await vi.waitFor(async () => expect(await lastEvent(page, 'confab-feedback')).toMatchObject({ conversationId: message.conversationId, messageId: message.message.id, rating: 'positive', reasons: [] }), { timeout: 10_000 });
      await vi.waitFor(() => expect([...suite.server.servers.analytics.state.feedback.values()].map((feedback) => [feedback.messageId, feedback.type])).toEqual([[message.message.id, 'positive']]), { timeout: 10_000 });

      // An attribute changed after mount: the host switches lang, the widget speaks German; the host's title stays.
      await page.locator('#german').click();
      await expect.poll(() => inWidget(page, '[part~=input]').getAttribute('placeholder'), { message: 'German strings after lang=de' }).toBe('Stellen Sie eine Frage…');
      expect(await chat.getAttribute('lang')).toBe('de');
      expect(await inWidget(page, '[part~=launcher]').getAttribute('aria-label')).toBe('Chat schließen');
      expect(await inWidget(page, '.title').innerText()).toBe(hostAttributes(name).title);

      // A backend failure reaches the host as confab-error; the widget says so in German (a 400: refused).
      suite.server.servers.chat.faults.failNext(1, { status: 400 });
      await page.locator('#ask').click();
      await vi.waitFor(async () => expect(await lastEvent(page, 'confab-error')).toMatchObject({ code: expect.any(String), message: expect.any(String) }), { timeout: 10_000 });
      await inWidget(page, 'li.message.assistant').nth(1).getByText('Die Anfrage wurde abgelehnt.').waitFor();

      // newConversation() and close() from the host.
      await page.locator('#new').click();
      await expect.poll(() => inWidget(page, 'li.message').count(), { message: 'an empty conversation' }).toBe(0);
      expect(await inWidget(page, '.welcome').innerText()).toBe(`Welcome to the ${name} host.`);
      await page.locator('#close').click();
      await panel.waitFor({ state: 'hidden' });

      expect(await eventTypes(page)).toEqual(['confab-open', 'confab-message', 'confab-feedback', 'confab-error', 'confab-close']);
      expect(await lastEvent(page, 'confab-close')).toEqual({});
      expect(await page.locator('#failure').innerText(), 'send() never rejected').toBe('');
      expect(conversations()[0]!.messages.filter((logged) => logged.role === 'assistant'), 'the failed answer is not logged').toHaveLength(1);
      expect(await page.errors()).toEqual([]);
    });
  }
});
