import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDixaServer } from '../../../../demo/server/dixa/create-dixa-server';
import { api, createConversation, expectData, inboundMessage, startDixa } from './harness';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confab-dixa-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence (dataPath) and restarts', () => {
  it('1. a restarted server with the same dataPath answers the same polls and keeps counting ids', async () => {
    const dataPath = join(dir, 'dixa.json');
    const first = await startDixa({ dataPath });
    const id = await createConversation(first.base);
    await api(first.base, 'POST', `/v1/conversations/${id}/messages`, { body: inboundMessage('before the restart', 'ext-restart') });
    first.dixa.agent.reply({ conversationId: id, text: 'agent reply' });
    const before = expectData(await api(first.base, 'GET', `/v1/conversations/${id}/messages`), 200);
    await first.close();

    const second = await startDixa({ dataPath });
    try {
      expect(expectData(await api(second.base, 'GET', `/v1/conversations/${id}/messages`), 200)).toEqual(before);
      expect((await api(second.base, 'POST', `/v1/conversations/${id}/messages`, { body: inboundMessage('retry', 'ext-restart') })).json).toEqual({ message: 'Duplicate externalId' });
      expect(await createConversation(second.base)).toBe(id + 1);
    } finally {
      await second.close();
    }
  });

  it('2. the file holds the conversations, not the fixture; a missing file starts from the fixture', async () => {
    const dataPath = join(dir, 'nested', 'dixa.json');
    const server = await startDixa({ dataPath });
    expect(expectData(await api(server.base, 'GET', '/v1/conversations/1'), 200).id).toBe(1);
    await createConversation(server.base);
    await server.close();
    const saved = JSON.parse(readFileSync(dataPath, 'utf8'));
    expect(Object.keys(saved).sort()).toEqual(['conversations', 'nextConversationId', 'version']);
    expect(saved.version).toBe(1);
    expect(saved.conversations.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 100]);
  });

  it('3. reset writes the re-seeded state', async () => {
    const dataPath = join(dir, 'dixa.json');
    const server = await startDixa({ dataPath });
    await createConversation(server.base);
    server.dixa.reset();
    await server.close();
    expect(JSON.parse(readFileSync(dataPath, 'utf8')).nextConversationId).toBe(100);
  });

  it('4. a corrupt file stops the start with an error naming it, and is left alone', () => {
    const dataPath = join(dir, 'dixa.json');
    writeFileSync(dataPath, '{"version":1,"conv');
    expect(() => createDixaServer({ dataPath })).toThrow(dataPath);
    writeFileSync(dataPath, '{"version":2}');
    expect(() => createDixaServer({ dataPath })).toThrow(/not a version 1/);
    expect(readFileSync(dataPath, 'utf8')).toBe('{"version":2}');
  });
});
