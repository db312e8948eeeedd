/**
 * The options of the PulseAI server and their resolution into the settings routes and
 * streams read.
 */
import type { Faults } from '../faults';
import { DEFAULT_INFO, DEFAULT_PARAMETERS, type PulseInfo, type PulseParameters } from './app-metadata';
import { defaultAnswer, type Answerer } from './default-answer';
import { suggestQuestions, type Suggester } from './suggested-questions';
import type { PulseSettings } from './route-types';

/** Options of `createPulseServer`. */
export interface PulseServerOptions {
  /** Path prefix of every route. Default `/api/pulse/v1`. */
  basePath?: string;
  /** Accepted app keys. Default `['app-confab-demo']`. */
  apiKeys?: readonly string[];
  /** Fault controls, e.g. shared with the other servers. Default: a fresh set. */
  faults?: Faults;
  /** Serve `__faults`, `__stats`, `__reset`, `__state`, `__script`. Default true. */
  testRoutes?: boolean;
  /** Pause before each streamed chunk, in ms. Default 25. */
  tokenDelayMs?: number;
  /** Ping when no payload event was sent for this long at the stream's start, in ms (≥ 1). Default 10,000. */
  pingAfterMs?: number;
  /** Reject (401) an `X-Timestamp` further than this from the server clock. Default: no check. */
  maxTimestampSkewSeconds?: number;
  /** Status of a successful delete: 200 `{"result":"success"}` (default) or 204 without a body. */
  deleteStatus?: 200 | 204;
  /** Overrides of `GET /parameters` keys (e.g. `suggested_questions_after_answer: { enabled: false }`). */
  parameters?: Partial<PulseParameters>;
  /** Overrides of `GET /info` keys; `mode` is also the blocking answer's `mode`. */
  info?: Partial<PulseInfo>;
  /** Produces answers. Default: a canned, deterministic answer. */
  answer?: Answerer;
  /** Follow-up questions for `GET /messages/{id}/suggested`. Default: three built from the answer's words. */
  suggest?: Suggester;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Id generator; must return lower-case UUIDs. Default `crypto.randomUUID`. */
  newId?: () => string;
}

/** Throws for a delay a caller got wrong: misuse, not a runtime fault. */
function checkDelay(value: number, min: number, name: string): number {
  if (!Number.isFinite(value) || value < min) throw new RangeError(`${name} must be a number ≥ ${min}; got ${value}.`);
  return value;
}

/** The settings of `options`, defaults filled in; throws a RangeError for a bad delay. */
export function resolveSettings(options: PulseServerOptions): PulseSettings {
  return {
    tokenDelayMs: checkDelay(options.tokenDelayMs ?? 25, 0, 'tokenDelayMs'),
    // 0 would re-arm the keep-alive timer forever.
    pingAfterMs: checkDelay(options.pingAfterMs ?? 10_000, 1, 'pingAfterMs'),
    deleteStatus: options.deleteStatus ?? 200,
    parameters: { ...DEFAULT_PARAMETERS, ...options.parameters },
    info: { ...DEFAULT_INFO, ...options.info },
    answer: options.answer ?? defaultAnswer,
    suggest: options.suggest ?? ((_query, answer) => suggestQuestions(answer)),
  };
}
