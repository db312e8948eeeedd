// Issue 11, item 12 (and issue 13, item 2): every way an answer fails has a kind, which the
// widget turns into one plain sentence; the technical detail stays in `message`.
import { describe, expect, it } from 'vitest';
import { ConfabError, ConfigError, HttpError, NetworkError, StreamError, TimeoutError, ValidationError } from '../../../src/sdk/http/errors';
import { toFailure, type FailureKind } from '../../../src/sdk/http/failure';

const http = (status: number, code = `http_${status}`, retryAfterMs?: number) =>
  new HttpError({ status, title: 'T', detail: 'D', code }, { retryAfterMs });

const rows: Array<[n: number, what: string, error: unknown, kind: FailureKind]> = [
  [1, 'no response (offline, refused, CORS)', new NetworkError('POST /chat/completions failed before a response: Failed to fetch'), 'offline'],
  [2, 'no response in time', new TimeoutError(15_000), 'slow'],
  [3, 'a stalled stream', new TimeoutError(30_000, 'The stream (no message received)'), 'slow'],
  [4, '408', http(408), 'slow'],
  [5, '429', http(429, 'rate_limit_exceeded', 2_000), 'busy'],
  [6, '500', http(500, 'internal_error'), 'unavailable'],
  [7, '502 from a proxy whose upstream is down', http(502, 'upstream_unreachable'), 'unavailable'],
  [8, '503', http(503), 'unavailable'],
  [9, '401 (a wrong key)', http(401, 'invalid_api_key'), 'refused'],
  [10, '404 (a wrong chat-url)', http(404), 'refused'],
  [11, 'a web page or JSON instead of a stream', new StreamError('POST /chat/completions answered 200 text/html instead of an event stream', { code: 'invalid_response' }), 'refused'],
  [12, 'an event that is not JSON', new StreamError('not JSON', { code: 'malformed_event' }), 'refused'],
  [13, 'a response that does not fit its schema', new ValidationError('invalid_response', 'The response', ['x: missing']), 'refused'],
  [14, 'a bad setting', new ConfigError('chat-url', 'chat-url is missing'), 'refused'],
  [15, 'the connection dropped mid-answer', new StreamError('The stream broke off: terminated'), 'interrupted'],
  [16, 'a PulseAI stream that closed before its end event', new StreamError('closed before it finished', { code: 'stream_incomplete' }), 'interrupted'],
  [17, "the server's own error event mid-answer", new StreamError('Upstream overloaded', { code: 'overloaded' }), 'unavailable'],
  [18, 'a stream without any answer text', new StreamError('The stream ended without any answer text.', { code: 'empty_answer' }), 'unknown'],
  [19, 'anything else', new TypeError('x is undefined'), 'unknown'],
  [20, 'a plain ConfabError', new ConfabError('unexpected', 'odd'), 'unknown'],
];

describe('toFailure', () => {
  it.each(rows)('%i. %s → %s', (_n, _what, error, kind) => {
    const failure = toFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.message).toBe((error as Error).message);
  });

  it('keeps the code and the wait a 429 asked for', () => {
    expect(toFailure(http(429, 'rate_limit_exceeded', 2_000))).toEqual({ code: 'rate_limit_exceeded', message: '429 T: D', kind: 'busy', retryAfterMs: 2_000 });
    expect(toFailure(new NetworkError('offline'))).toEqual({ code: 'network_error', message: 'offline', kind: 'offline' });
  });
});
