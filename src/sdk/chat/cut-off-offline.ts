import { effect } from '@preact/signals-core';
import { NetworkError } from '../http/errors';
import type { Connection } from './connection';
import type { ActiveTurn } from './run-turn';

/**
 * Ends the answer arriving when the browser goes offline, at once, as an `offline` failure
 * that keeps the text it had. A connection lost mid-answer often leaves the stream open and
 * silent until the stall timeout (30 s), Stop still showing; ended now, the answer says why,
 * and the widget answers it again when the connection is back (send-when-online.ts).
 * Returns the function that stops watching.
 */
export function cutOffWhenOffline(connection: Connection, active: () => ActiveTurn | undefined): () => void {
  return effect(() => {
    if (!connection.online.value) active()?.cutOff(new NetworkError('The browser went offline while the answer was arriving.'));
  });
}
