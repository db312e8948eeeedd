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
  const core = {
    logConversation: vi.fn(async (input: { messages?: Array<{ content?: string }> }) => {
      logged.push((input.messages ?? []).map((message) => String(message.content)));
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
  return { module, logged };
}

/** A panel on a host whose logging chunk loads the test settles, in order. */
function panelOnHost(given?: Chunks['analytics']) {
  const root = document.createElement('div').attachShadow({ mode: 'open' });
  const { module, logged } = recordingModule();
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
  const settings = (logs: boolean) => parseSettings({}, { provider, storeName, ...(logs ? { analyticsKey: 'web-key', analyticsUrl: 'http://127.0.0.1:9' } : {}) }).config;
  const settle = async (outcome: 'loads' | 'fails') => {
    const next = pending.shift();
    if (!next) throw new Error('no chunk is loading');
    next(outcome);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { panel, host, load, settle, settings, logged, module };
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

  it('2. set up only after the panel loaded: no chat until the chunk is there (a send is refused, not kept unlogged), then it runs and logs', async () => {
    const { panel, load, settle, settings, logged } = panelOnHost();
    panel.update(settings(false), []);
    panel.update(settings(true), []);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['analytics', 0]]);
    await expect(panel.send('Too early?')).rejects.toMatchObject({ code: 'not_ready' });
    await settle('loads');
    await panel.send('Where is the API reference?');
    await vi.waitFor(() => expect(logged.at(-1)).toEqual(['Where is the API reference?', 'An answer.']));
    expect(logged.flat()).not.toContain('Too early?');
  });

  it('3. a chunk that fails is reported (the host names the file), and tried again at the next opening', async () => {
    const { panel, host, load, settle, settings, logged } = panelOnHost();
    panel.update(settings(true), []);
    await settle('fails');
    expect(host.reportError).toHaveBeenCalledWith(expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining('confab-analytics-x.js') }));
    expect(load.mock.calls[0]![2], 'what the report says works meanwhile').toMatch(/chat starts once it is loaded/);
    panel.update(settings(true), []);
    expect(load, 'an equal update does not try again').toHaveBeenCalledOnce();
    panel.setOpen(true);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['analytics', 0], ['analytics', 1]]);
    await settle('loads');
    await panel.send('Where is the API reference?');
    await vi.waitFor(() => expect(logged.at(-1)).toEqual(['Where is the API reference?', 'An answer.']));
  });

  it('4. a site that does not log never asks for the chunk', async () => {
    const { panel, load, settings } = panelOnHost();
    panel.update(settings(false), []);
    panel.setOpen(true);
    await panel.send('Where is the API reference?');
    expect(load).not.toHaveBeenCalled();
  });
});
