/**
 * The access log: one entry per request, written when the response is over (a stream's
 * end, not its start), so an entry says how an answer ended and what it cost. Message
 * content stays out unless `logContent` is on.
 */
import type { AccessLogEntry } from './options/handler-options';

/** Writes `entry` to `sink`; a sink that throws must not break the request it logs. */
export function writeLog(sink: ((entry: AccessLogEntry) => void) | undefined, entry: AccessLogEntry, onError: (error: unknown) => void): void {
  if (!sink) return;
  try {
    sink(entry);
  } catch (error) {
    onError(error);
  }
}
