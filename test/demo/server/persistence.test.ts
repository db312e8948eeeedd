import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnalyticsState } from '../../../demo/server/analytics/state';
import { startBackend } from '../../../demo/server/backend';
import { call, openaiConversation } from './fixtures';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'confab-analytics-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('persistence with dataPath', () => {
  it('1. keeps conversations, feedback, events, deleted ids and recency order across a restart', async () => {
    const dataPath = join(dir, 'nested', 'analytics.json');
    const first = await startBackend({ dataPath });
    const base1 = first.analytics.baseUrl;
    await call(base1, 'POST', '/conversations', { body: openaiConversation({ id: 'a' }) });
    await call(base1, 'POST', '/conversations', { body: openaiConversation({ id: 'b' }) });
    await call(base1, 'POST', '/conversations', { body: openaiConversation({ id: 'gone' }) });
    await call(base1, 'DELETE', '/conversations/gone');
    await call(base1, 'POST', '/feedback', { body: { id: 'f1', type: 'positive', messageId: 'm2' } });
    await call(base1, 'POST', '/events', { body: { id: 'e1', type: 't', entityType: 'search', searchQuery: 'q' } });
    const before = await call(base1, 'GET', '/conversations');
    await first.close();

    const second = await startBackend({ dataPath });
    try {
      const base2 = second.analytics.baseUrl;
      const after = await call(base2, 'GET', '/conversations');
      expect(after.json).toEqual(before.json);
      expect(after.json.conversations.map((c: { id: string }) => c.id)).toEqual(['b', 'a']);
      expect((await call(base2, 'GET', '/feedback/f1')).json.message.id).toBe('m2');
      expect(second.analytics.state.events.get('e1')?.type).toBe('t');
      expect(second.analytics.state.deleted.map((d) => d.id)).toEqual(['gone']);
      // Idempotency survives the restart too.
      const resent = await call(base2, 'POST', '/events', { body: { id: 'e1', type: 'other', entityType: 'search', searchQuery: 'q' } });
      expect(resent.json.type).toBe('t');
    } finally {
      await second.close();
    }
  });

  it('2. writes debounced, atomically (no tmp files left), as a version 1 JSON file', async () => {
    const dataPath = join(dir, 'analytics.json');
    const state = createAnalyticsState({ dataPath, debounceMs: 20 });
    state.events.set('e1', { id: 'e1', type: 't', entityType: 'search', searchQuery: 'q', createdAt: '2024-01-01T00:00:00.000Z', projectId: null, integrationId: null });
    state.changed();
    state.changed();
    // Waited for, not timed: on a busy machine the debounced write can take longer than 80 ms.
    const saved = JSON.parse(await vi.waitFor(() => readFile(dataPath, 'utf8'), { timeout: 5_000 }));
    expect(saved).toMatchObject({ version: 1, conversations: [], feedback: [], deleted: [] });
    expect(saved.events.map((e: { id: string }) => e.id)).toEqual(['e1']);
    expect(await readdir(dir)).toEqual(['analytics.json']);
  });

  it('3. flush writes pending changes at once; clear persists the empty state', async () => {
    const dataPath = join(dir, 'analytics.json');
    const state = createAnalyticsState({ dataPath, debounceMs: 10_000 });
    state.deleted.push({ id: 'x', deletedAt: '2024-01-01T00:00:00.000Z' });
    state.changed();
    await state.flush();
    expect(JSON.parse(await readFile(dataPath, 'utf8')).deleted).toEqual([{ id: 'x', deletedAt: '2024-01-01T00:00:00.000Z' }]);
    state.clear();
    await state.flush();
    expect(JSON.parse(await readFile(dataPath, 'utf8')).deleted).toEqual([]);
  });

  it('4. a corrupt data file fails the start with a message naming the file', async () => {
    const dataPath = join(dir, 'analytics.json');
    await writeFile(dataPath, '{ not json');
    expect(() => createAnalyticsState({ dataPath })).toThrow(`Cannot read analytics data ${dataPath}`);
    await writeFile(dataPath, JSON.stringify({ version: 2 }));
    expect(() => createAnalyticsState({ dataPath })).toThrow('not a version 1 state file');
  });
});
