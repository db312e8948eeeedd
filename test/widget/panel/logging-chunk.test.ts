// @vitest-environment jsdom
// Where a site logs, the panel's controller runs only with the logging chunk there
// (src/widget/analytics-module.ts): the element loads it beside the panel's, and a panel whose
// settings set logging up only later loads it itself. Until it is there there is no chat, so
// nothing is said that its log could not keep; a failure is reported and tried again at the
// next opening.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsCore } from '../../../src/sdk/analytics/analytics-core';
import { ConfabError } from '../../../src/sdk/http/errors';
import { customProvider } from '../../../src/sdk/providers/custom-provider';
import * as realModule from '../../../src/widget/analytics-module';
import { parseSettings } from '../../../src/widget/config';
import type { Chunks } from '../../../src/widget/load-panel';
import { createPanel, type Panel, type PanelHost } from '../../../src/widget/panel/create-panel';

let stores = 0;
const panels: Panel[] = [];
afterEach(() => {
  for (const panel of panels.splice(0)) panel.dispose();
});

/** A logging chunk whose outbox only records what it is given. */
function recordingModule() {
  const logged: string[][] = [];
  const properties: unknown[] = [];
  const core = {
    logConversation: vi.fn(async (input: { messages?: Array<{ content?: string }>; properties?: unknown }) => {
      logged.push((input.messages ?? []).map((message) => String(message.content)));
      properties.push(input.properties);
      return { id: 'c' };
    }),
    logFeedback: vi.fn(),
    withdrawFeedback: vi.fn(),
    deleteConversation: vi.fn(),
    logEvent: vi.fn(),
    flush: vi.fn(async () => undefined),
    purge: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
  } as unknown as AnalyticsCore;
  const module: Chunks['analytics'] = { ...realModule, createAnalyticsCore: vi.fn(() => core) as unknown as Chunks['analytics']['createAnalyticsCore'] };
  return { module, logged, properties, core };
}

/** A panel on a host whose logging chunk loads the test settles, in order. */
function panelOnHost(given?: Chunks['analytics']) {
  const root = document.createElement('div').attachShadow({ mode: 'open' });
  const { module, logged, properties, core } = recordingModule();
  const pending: Array<(outcome: 'loads' | 'fails') => void> = [];
  const load = vi.fn(
    (name: string, _attempt: number, _meanwhile: string) =>
      new Promise((resolve, reject) => {
        pending.push((outcome) => (outcome === 'loads' ? resolve(module) : reject(new ConfabError('chunk_load_failed', `confab could not load confab-${name}-x.js`))));
      }),
  );
  const host: PanelHost = { root, emit: vi.fn(), reportError: vi.fn(), openChanged: vi.fn(), loadFeature: load as unknown as PanelHost['loadFeature'], analytics: given };
  const panel = createPanel(host);
  panels.push(panel);
  const provider = customProvider(async function* () {
    yield 'An answer.';
  });
  const storeName = `panel-logging-${stores++}`;
  const settings = (logs: boolean, extra: Record<string, unknown> = {}) =>
    parseSettings({}, { provider, storeName, ...(logs ? { analyticsKey: 'web-key', analyticsUrl: 'http://127.0.0.1:9' } : {}), ...extra }).config;
  const settle = async (outcome: 'loads' | 'fails') => {
    const next = pending.shift();
    if (!next) throw new Error('no chunk is loading');
    next(outcome);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { panel, host, root, load, settle, settings, logged, properties, core, module };
}

describe('the logging chunk', () => {
  it('1. given with the panel (the element loaded both): the chat runs at once and logs, nothing more is loaded', async () => {
    const { module, logged } = recordingModule();
    const { panel, load, settings } = panelOnHost(module);
    panel.update(settings(true), []);
    await panel.send('Where is the API reference?');
    expect(load).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(logged.at(-1)).toEqual(['Where is the API reference?', 'An answer.']));
  });

  it('2. set up only after the panel loaded: no chat until the chunk is there; a send meanwhile waits for it, then the chat runs and logs', async () => {
    const { panel, load, settle, settings, logged, module } = panelOnHost();
    panel.update(settings(false), []);
    panel.update(settings(true), []);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['analytics', 0]]);
    const early = panel.send('Asked right after sign-in');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(module.createAnalyticsCore, 'no controller (nor outbox) before the chunk').not.toHaveBeenCalled();
    await settle('loads');
    await early;
    await vi.waitFor(() => expect(logged.at(-1)).toEqual(['Asked right after sign-in', 'An answer.']));
  });

  it('2b. a send while the chunk loads, and it fails: refused (the page is told), never answered unlogged', async () => {
    const { panel, settle, settings, module } = panelOnHost();
    panel.update(settings(true), []);
    const refused = expect(panel.send('Asked while it loads')).rejects.toMatchObject({ code: 'chunk_load_failed' });
    await settle('fails');
    await refused;
    expect(module.createAnalyticsCore).not.toHaveBeenCalled();
  });

  it('2c. a live setting changed after the late start reaches the log (the properties of a sign-in)', async () => {
    const { panel, settle, settings, properties } = panelOnHost();
    panel.update(settings(true, { properties: { plan: 'free' } }), []);
    await settle('loads');
    panel.update(settings(true, { properties: { plan: 'pro' } }), []);
    await panel.send('Where is the API reference?');
    await vi.waitFor(() => expect(properties.at(-1)).toMatchObject({ plan: 'pro' }));
  });

  it('2d. disposed while the chunk loads: no controller starts when it arrives', async () => {
    const { panel, settle, settings, module } = panelOnHost();
    panel.update(settings(true), []);
    panel.dispose();
    await settle('loads');
    expect(module.createAnalyticsCore).not.toHaveBeenCalled();
  });

  it('3. a chunk that fails is reported (the host names the file), and tried again at the next opening', async () => {
    const { panel, host, load, settle, settings, logged } = panelOnHost();
    panel.update(settings(true), []);
    await settle('fails');
    expect(host.reportError).toHaveBeenCalledWith(expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining('confab-analytics-x.js') }));
    expect(load.mock.calls[0]![2], 'what the report says works meanwhile').toMatch(/starts once this is loaded, and Retry in the panel loads it again/);
    panel.update(settings(true), []);
    expect(load, 'an equal update does not try again').toHaveBeenCalledOnce();
    panel.setOpen(true);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['analytics', 0], ['analytics', 1]]);
    await settle('loads');
    await panel.send('Where is the API reference?');
    await vi.waitFor(() => expect(logged.at(-1)).toEqual(['Where is the API reference?', 'An answer.']));
  });

  it('3b. mounted (inline: never reopened), a failed chunk is said in the panel with Retry, which loads it and starts the chat', async () => {
    const { panel, root, load, settle, settings } = panelOnHost();
    panel.update(settings(true, { mode: 'inline' }), []);
    panel.setOpen(true);
    panel.mount(false);
    await settle('fails');
    const notice = () => root.querySelector('[part~=load-failed]');
    await vi.waitFor(() => expect(notice()?.textContent).toContain('The chat could not be loaded. Check your connection, then try again.'));
    expect(root.querySelector<HTMLTextAreaElement>('[part=input]')?.disabled, 'no chat without its log').toBe(true);
    notice()!.querySelector('button')!.click();
    expect(load).toHaveBeenCalledTimes(2);
    await settle('loads');
    await vi.waitFor(() => expect(notice()).toBeNull());
    await vi.waitFor(() => expect(root.querySelector<HTMLTextAreaElement>('[part=input]')?.disabled).toBe(false));
  });

  it('5. no consent (logging="off"): the chat starts at once, and what an earlier visit left waiting is dropped once the chunk is there', async () => {
    const { panel, settle, settings, core, module } = panelOnHost();
    panel.update(settings(true, { logging: 'off' }), []);
    await panel.send('Nothing of this is logged');
    await settle('loads');
    await vi.waitFor(() => expect(core.purge).toHaveBeenCalledOnce());
    expect(vi.mocked(module.createAnalyticsCore).mock.calls[0]![0]).toMatchObject({ autoFlush: false });
    expect(core.logConversation).not.toHaveBeenCalled();
  });

  it('5b. no consent, and the chunk fails: the chat works all the same', async () => {
    const { panel, settle, settings } = panelOnHost();
    panel.update(settings(true, { logging: 'off' }), []);
    await settle('fails');
    await expect(panel.send('Nothing of this is logged')).resolves.toBeUndefined();
  });

  it('4. a site that does not log never asks for the chunk', async () => {
    const { panel, load, settings } = panelOnHost();
    panel.update(settings(false), []);
    panel.setOpen(true);
    await panel.send('Where is the API reference?');
    expect(load).not.toHaveBeenCalled();
  });
});
