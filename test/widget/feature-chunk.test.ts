// An optional feature's chunk as the panel sees it (src/widget/feature-chunk.ts): loaded once,
// a failure reported and kept until a retry, which asks for the file again as a new attempt.
import { describe, expect, it, vi } from 'vitest';
import { ConfabError } from '../../src/sdk/http/errors';
import { featureChunk } from '../../src/widget/feature-chunk';

const module = { name: 'handoff' };

describe('featureChunk', () => {
  it('1. loads once, however many ask, and runs onLoad once', async () => {
    const load = vi.fn(async () => module);
    const onLoad = vi.fn();
    const chunk = featureChunk(load, onLoad);
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect([a, b, await chunk.load()]).toEqual([module, module, module]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(onLoad).toHaveBeenCalledExactlyOnceWith(module);
    expect(chunk.module.value).toBe(module);
    expect(chunk.failed.value).toBe(false);
  });

  it('2. a failure resolves to undefined and is kept; the next load is a new attempt, and clears it', async () => {
    const failure = new ConfabError('chunk_load_failed', 'confab could not load confab-handoff-x.js');
    const load = vi.fn(async (attempt: number) => {
      if (attempt === 0) throw failure;
      return module;
    });
    const onLoad = vi.fn();
    const chunk = featureChunk(load, onLoad);
    expect(await chunk.load()).toBeUndefined();
    expect(chunk.failed.value).toBe(true);
    expect(onLoad).not.toHaveBeenCalled();
    expect(await chunk.load()).toBe(module);
    expect(load.mock.calls.map(([attempt]) => attempt)).toEqual([0, 1]);
    expect(chunk.failed.value).toBe(false);
    expect(onLoad).toHaveBeenCalledExactlyOnceWith(module);
  });
});
