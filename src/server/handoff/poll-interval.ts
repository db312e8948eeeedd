/**
 * How soon the widget should ask again (`pollAfterMs`), and how often the server asks the
 * helpdesk, which has no push (contracts/dixa.md §4.6): every `activeMs` (3 s) while
 * something happened in the last minute, then twice as long for each quiet minute, up to
 * `idleMs` (30 s). A closed handoff is only watched for a late reopen or rating.
 */
import type { HandoffRecord } from './handoff-record';

/** The polling settings. */
export interface PollSettings {
  activeMs: number;
  idleMs: number;
}

const MINUTE = 60_000;

/** Milliseconds until the next poll of `record`; null when there is nothing more to read. */
export function pollAfterMs(record: HandoffRecord, now: number, settings: PollSettings): number | null {
  if (record.status === 'deleted' || record.status === 'failed') return null;
  if (record.status === 'closed') return settings.idleMs;
  const quietMinutes = Math.max(0, Math.floor((now - record.lastActivityAt) / MINUTE));
  return Math.min(settings.idleMs, settings.activeMs * 2 ** quietMinutes);
}
