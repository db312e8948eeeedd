// A provider made later (src/widget/deferred-provider.ts): PulseAI's, from its own chunk and
// the visitor id. Every call waits for it; one that could not be made fails only the calls
// that asked, and the next call makes it again (a Retry loads the chunk once more).
import { describe, expect, it, vi } from 'vitest';
import { ConfabError } from '../../src/sdk/http/errors';
import type { ChatProvider } from '../../src/sdk/providers/chat-provider';
import { deferredProvider } from '../../src/widget/deferred-provider';

const real: ChatProvider = {
  name: 'pulse',
  async *stream() {
    yield { type: 'text', text: 'Hello' } as never;
  },
  welcome: async () => ({ starters: ['Where do I start?'] }),
  suggestions: async () => ['And then?'],
};

async function drain(provider: ChatProvider): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of provider.stream({ messages: [], signal: new AbortController().signal } as never)) events.push(event);
  return events;
}

describe('deferredProvider', () => {
  it('1. names itself at once; every call waits for the provider, made once', async () => {
    let resolve!: (provider: ChatProvider) => void;
    const make = vi.fn(() => new Promise<ChatProvider>((done) => (resolve = done)));
    const provider = deferredProvider('pulse', 'app', make);
    expect([provider.name, provider.model]).toEqual(['pulse', 'app']);
    const streamed = drain(provider);
    const welcome = provider.welcome!(new AbortController().signal);
    resolve(real);
    expect(await streamed).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(await welcome).toEqual({ starters: ['Where do I start?'] });
    expect(await provider.suggestions!('m1', new AbortController().signal)).toEqual(['And then?']);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('2. a provider that could not be made fails the calls that waited; the next call makes it again', async () => {
    const failure = new ConfabError('chunk_load_failed', 'The PulseAI provider could not be loaded.');
    const make = vi.fn(async () => {
      if (make.mock.calls.length === 1) throw failure;
      return real;
    });
    const provider = deferredProvider('pulse', undefined, make);
    await expect(drain(provider)).rejects.toBe(failure);
    expect(await drain(provider)).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(await drain(provider)).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(make).toHaveBeenCalledTimes(2);
  });

  it('3. a capability the provider lacks answers as no capability does: no suggestions, no starters', async () => {
    const provider = deferredProvider('pulse', undefined, async () => ({ name: 'pulse', stream: real.stream }));
    expect(await provider.suggestions!('m1', new AbortController().signal)).toEqual([]);
    expect(await provider.welcome!(new AbortController().signal)).toEqual({ starters: [] });
  });
});
