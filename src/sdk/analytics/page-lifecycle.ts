/** Page moments the outbox reacts to. */
export type PageMoment = 'online' | 'visible' | 'leaving';

/** The page as the outbox sees it: connectivity and lifecycle. A seam, so tests can play them. */
export interface PageLifecycle {
  isOnline(): boolean;
  /** Calls `listener` on each moment; returns a function that stops listening. */
  subscribe(listener: (moment: PageMoment) => void): () => void;
}

/**
 * The browser's page: `online`, `visibilitychange` and `pagehide`. Hidden counts as
 * leaving too, because mobile browsers often kill a backgrounded page without `pagehide`.
 * Outside a browser (Node) it is always online and never changes.
 */
export function browserLifecycle(): PageLifecycle {
  const win = typeof window === 'undefined' ? undefined : window;
  return {
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
    subscribe(listener) {
      if (!win) return () => undefined;
      const listeners: Array<[EventTarget, string, () => void]> = [
        [win, 'online', () => listener('online')],
        [document, 'visibilitychange', () => listener(document.visibilityState === 'visible' ? 'visible' : 'leaving')],
        [win, 'pagehide', () => listener('leaving')],
      ];
      for (const [target, type, handler] of listeners) target.addEventListener(type, handler);
      return () => {
        for (const [target, type, handler] of listeners) target.removeEventListener(type, handler);
      };
    },
  };
}
