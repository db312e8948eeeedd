/**
 * The options of the Dixa reference server.
 */
import type { Faults } from '../faults';
import type { DixaFixture } from './fixture';

/** Options of `createDixaServer`. */
export interface DixaServerOptions {
  /** Path prefix of every route. Default `/api/dixa` (so `POST /api/dixa/v1/conversations`). */
  basePath?: string;
  /**
   * Accepted API tokens, each mapped to its token user's id (§1.2). Default:
   * `{ "confab-demo-dixa-token": <the fixture's tokenUserId> }`. Every user must be in the fixture.
   */
  tokens?: Readonly<Record<string, string>>;
  /** The organisation and past conversations to start from. Default `DIXA_FIXTURE`. */
  fixture?: DixaFixture;
  /** JSON file keeping the conversations across restarts; absent → memory only. */
  dataPath?: string | undefined;
  /** Serve the `__test/` routes (faults, stats, reset, state, the agent simulator). Default true. */
  testRoutes?: boolean;
  /** Fault controls, e.g. shared with the other servers. Default: a fresh set. */
  faults?: Faults;
  /** Create `_type`s refused with `Unsupported ConversationChannel` (GAP 1). Default none. */
  unsupportedCreateTypes?: readonly string[];
  /** How long `X-Fake-Fault: slow` holds a request, in ms (0–600,000). Default 5,000. */
  slowFaultMs?: number;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Id generator; must return lower-case uuids. Default `crypto.randomUUID`. */
  newId?: () => string;
}
