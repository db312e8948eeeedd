/**
 * The scripted behaviours a test can ask of the next `POST /chat-messages` (through
 * `POST __script` or `server.script(mode)`), one per stream shape of contract §5.4 that a
 * client must handle.
 */

/** Every script mode; README.md describes what each one sends. */
export const SCRIPT_MODES = [
  'pre-stream-error',
  'rate-limit',
  'mid-stream-error',
  'abrupt-close',
  'replace',
  'agent',
  'chatflow',
  'tts',
  'ping-only',
  'slow-first-token',
  'unknown-events',
  'no-trailing-blank-line',
] as const;

/** One of {@link SCRIPT_MODES}. */
export type ScriptMode = (typeof SCRIPT_MODES)[number];

/** Narrows an unknown value to a {@link ScriptMode}. */
export function isScriptMode(value: unknown): value is ScriptMode {
  return typeof value === 'string' && (SCRIPT_MODES as readonly string[]).includes(value);
}

/** Text of the `error` event of `mid-stream-error` (contract §5.6 d). */
export const MID_STREAM_ERROR = {
  status: 400,
  code: 'completion_request_error',
  message: '[openai] Rate limit reached for requests',
} as const;

/** The answer `replace` swaps in through `message_replace`. */
export const MODERATED_ANSWER = "Sorry, I can't help with that.";

/** Interval of the keep-alives of `ping-only` (fixed, so a client's stall timer is testable). */
export const PING_ONLY_INTERVAL_MS = 200;

/** Message chunks sent before `mid-stream-error` and `abrupt-close` break the stream. */
export const CHUNKS_BEFORE_FAILURE = 2;
