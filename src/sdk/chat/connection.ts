import { signal, type ReadonlySignal } from '@preact/signals-core';

/** Whether the browser says it is online: `navigator.onLine`, moved by the `online` and `offline` events. */
export interface Connection {
  readonly online: ReadonlySignal<boolean>;
}

/** The part of `window` a {@link Connection} watches (a test passes its own). */
export interface ConnectionTarget {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/**
 * Watches `target` for the browser's connection. Where there is no window (a server), it
 * reads as online. The browser only knows about its own network: a server that is
 * unreachable while the network is up still reads as online.
 */
export function watchConnection(target: ConnectionTarget | undefined = typeof window === 'undefined' ? undefined : window): Connection {
  const online = signal(target?.navigator.onLine ?? true);
  target?.addEventListener('online', () => (online.value = true));
  target?.addEventListener('offline', () => (online.value = false));
  return { online };
}

let shared: Connection | undefined;

/** The page's connection, watched once however many widgets ask (its listeners live as long as the page). */
export const pageConnection = (): Connection => (shared ??= watchConnection());
