import type { OutboxEntry, OutboxKind } from './outbox-store';

/** An outbox entry as `flush()` and `deadLetters()` describe it. */
export interface OutboxItem {
  key: string;
  kind: OutboxKind;
  queuedAt: number;
  attempts: number;
  lastError?: OutboxEntry['lastError'];
  deadAt?: number | undefined;
}

/**
 * An entry as `flush()` and `deadLetters()` report it. Only the sending half and the inspection
 * call it: kept out of outbox-records.ts, which the writing half loads, so that the script-tag
 * build's core chunk does not carry it.
 */
export const describe = ({ key, kind, queuedAt, attempts, lastError, deadAt }: OutboxEntry): OutboxItem => ({ key, kind, queuedAt, attempts, lastError, deadAt });
