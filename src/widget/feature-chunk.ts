import { signal, type ReadonlySignal } from '@preact/signals-core';

/** An optional feature's chunk as the panel sees it: there, failed, or neither yet. */
export interface FeatureChunk<T> {
  /** The chunk's exports, once loaded. */
  readonly module: ReadonlySignal<T | undefined>;
  /** The last load failed (the loader reported it as `confab-error`); {@link FeatureChunk.load} tries again. */
  readonly failed: ReadonlySignal<boolean>;
  /** Loads the chunk once (again after a failure); resolves to its exports, or `undefined` when it could not be loaded. */
  load(): Promise<T | undefined>;
}

/**
 * The load state of one feature chunk: `load(attempt)` fetches it (the panel's, which reports
 * a failure as `confab-error` where the reader needs the feature, naming the file the loader
 * asked for under a new query on a retry, because Firefox keeps a failed module fetch for the
 * page's life). `onLoad` runs once it is there, whoever asked for it (the runtime, a
 * component's Retry); `loaded`: the chunk's exports where someone else loaded it already.
 */
export function featureChunk<T>(load: (attempt: number) => Promise<T>, onLoad?: (loaded: T) => void, loaded?: T): FeatureChunk<T> {
  const module = signal<T | undefined>(loaded);
  const failed = signal(false);
  let attempts = 0;
  let loading: Promise<T | undefined> | undefined;
  return {
    module,
    failed,
    load() {
      if (module.peek()) return Promise.resolve(module.peek());
      return (loading ??= load(attempts++).then(
        (loaded) => {
          failed.value = false;
          module.value = loaded;
          onLoad?.(loaded);
          return loaded;
        },
        () => {
          loading = undefined;
          failed.value = true;
          return undefined;
        },
      ));
    },
  };
}
