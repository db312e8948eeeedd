// No fake-indexeddb here: this file runs as Node does, without IndexedDB.
import { expect, it, vi } from 'vitest';
import { createChat } from '../../../src/sdk/chat/create-chat';
import { answer, scriptedProvider } from '../../support/scripted-provider';

it('issue 11: createChat() without a store in Node works in memory and says so once, through onError (no ReferenceError)', async () => {
  expect(typeof indexedDB).toBe('undefined');
  const onError = vi.fn();
  const chat = createChat({ provider: scriptedProvider([answer('In memory.')]).provider, onError });
  await chat.send('hello from Node');
  expect(chat.messages.value.map((message) => message.content)).toEqual(['hello from Node', 'In memory.']);
  expect(onError).toHaveBeenCalledTimes(1);
  expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'storage_unavailable' });
  await chat.dispose();
});
