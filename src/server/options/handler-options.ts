/**
 * The options of `createConfabHandler`, as the site owner writes them. Every one is
 * checked once, at start, by {@link resolveOptions}: a bad value throws a ConfigError that
 * names the setting and says how to fix it, so a typo never surfaces as 502s later.
 */
import type { HandoffAdapter } from '../handoff/handoff-adapter';
import type { DixaHandoffOptions } from '../handoff/dixa/dixa-options';
import type { DocumentInput, DocsUrl } from '../knowledge';
import type { ConfabStore } from '../store/store';

/** The OpenAI-compatible model server the chat proxy forwards to. */
export interface UpstreamOptions {
  /** Up to and including the version, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never reaches a browser. Many local servers need none. */
  apiKey?: string | undefined;
  /** The model every answer uses unless the request names one of `allowedModels`. */
  model: string;
  /** Further models a request may ask for by name (`model` is always allowed). */
  allowedModels?: readonly string[] | undefined;
  /** Until the upstream's response starts. Default 30,000 ms. */
  timeoutMs?: number | undefined;
  /** Longest silence inside a streamed answer. Default 60,000 ms. */
  idleTimeoutMs?: number | undefined;
  /** Longest answer, start to end. Default 300,000 ms. */
  maxDurationMs?: number | undefined;
}

/** A PulseAI (Dify chat-app) API the server proxies, holding its key. */
export interface PulseOptions {
  /** Up to and including the version, e.g. `https://api-platform.digitpulse.ai/v1`. */
  baseUrl: string;
  /** The app key (`app-…`), sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Signs every request with `X-Timestamp` and `X-Signature` (HMAC-SHA256, see README). Default: not signed. */
  signingSecret?: string | undefined;
}

/** The conversation-analytics API the relay forwards the widget's logs to. */
export interface AnalyticsOptions {
  /** Default `https://api.analytics.inkeep.com`. */
  baseUrl?: string | undefined;
  /** The key the server logs with (a web or API integration key); never reaches a browser. */
  apiKey: string;
}

/**
 * Human handoff: "Talk to a person" hands the visitor over to a helpdesk, with the
 * assistant's transcript. One helpdesk: `dixa`, or an `adapter` of your own.
 */
export interface HandoffOptions {
  /** Dixa's settings (README, "Human handoff"). */
  dixa?: DixaHandoffOptions | undefined;
  /** Another helpdesk, behind the same interface as Dixa's. */
  adapter?: HandoffAdapter | undefined;
  /** How often the widget polls, and the helpdesk is polled, while something happens. Default 3,000 ms. */
  activePollMs?: number | undefined;
  /** The slowest polling, reached after a few quiet minutes and while closed. Default 30,000 ms. */
  idlePollMs?: number | undefined;
  /** How long a handoff's state is kept after its last change. Default 30 days. */
  retentionMs?: number | undefined;
  /** How often the server looks for deliveries to retry. Default 2,000 ms. */
  retryIntervalMs?: number | undefined;
}

/** Limits of one kind of caller over a window. `false` turns a limit off. */
export interface CallerLimits {
  /** Questions (chat completions, PulseAI chat messages) per minute. */
  requestsPerMinute?: number | false | undefined;
  /** Prompt and answer tokens per UTC day (estimated at 4 characters a token when the model does not say). */
  tokensPerDay?: number | false | undefined;
}

/** Rate limits, kept in the store, so they hold across instances that share it. */
export interface RateLimitOptions {
  /** Per visitor: the verified user, else the widget's visitor id. Default 20 questions a minute, 200,000 tokens a day. */
  visitor?: CallerLimits | undefined;
  /** Per client IP. Default 60 questions a minute, 1,000,000 tokens a day, and 600 requests of any kind a minute. */
  ip?: (CallerLimits & { allRequestsPerMinute?: number | false | undefined }) | undefined;
}

/** Size caps on what a visitor sends. */
export interface LimitOptions {
  /** Largest chat or PulseAI request body. Default 524,288 bytes (512 KB). Analytics logs may always be 2 MB, the API's own limit. */
  maxBodyBytes?: number | undefined;
  /** Messages of history sent to the model, newest kept. Default 40. */
  maxMessages?: number | undefined;
  /** Longest single message; a longer question is refused, a longer earlier message cut. Default 8,000 characters. */
  maxMessageChars?: number | undefined;
  /** Longest history in all; the oldest messages are left out past it. Default 32,000 characters. */
  maxHistoryChars?: number | undefined;
  /** Most answer tokens a request may ask for (`max_tokens`), and the default. Default 1,024. */
  maxTokens?: number | undefined;
  /** Longest time to receive a request body; a slower client gets a 408. Default 10,000 ms. */
  bodyTimeoutMs?: number | undefined;
}

/** Who the visitor is, when the site signs its users in. */
export type IdentityOptions = {
  /**
   * Refuse visitors who are not signed in (no credential, or only a visitor id). Default
   * false: anonymous visitors may chat, and a credential that is present must be valid.
   */
  required?: boolean | undefined;
} & (
  | {
      /** Intercom-style: the credential is `{userId}.{hex HMAC-SHA256 of userId with this secret}` (see `signUserId`). */
      secret: string;
      verify?: undefined;
    }
  | {
      /** Any other credential (a JWT, a session token): return the user id, or null when it is not valid. */
      verify: (token: string, request: Request) => string | null | undefined | Promise<string | null | undefined>;
      secret?: undefined;
    }
);

/** A challenge such as Cloudflare Turnstile, checked before a visitor's first question. */
export interface ChallengeOptions {
  /** Resolves true when the challenge token is valid (e.g. Turnstile's siteverify). */
  verify: (token: string, request: Request) => boolean | Promise<boolean>;
  /** The request header that carries the token. Default `X-Confab-Challenge`. */
  header?: string | undefined;
  /** How long a passed challenge covers the visitor. Default 1,800,000 ms (30 minutes). */
  ttlMs?: number | undefined;
}

/** One line of the access log. No message content unless `logContent` is on. */
export interface AccessLogEntry {
  time: string;
  requestId: string;
  method: string;
  path: string;
  route: string;
  status: number;
  durationMs: number;
  ip: string;
  origin: string | null;
  visitor: 'user' | 'visitor' | 'anonymous';
  /** How a streamed answer ended: `complete`, `client_closed`, `upstream_failed`, `timeout`, `shutdown`. */
  outcome?: string | undefined;
  upstreamStatus?: number | undefined;
  promptTokens?: number | undefined;
  completionTokens?: number | undefined;
  /** The error code answered, e.g. `rate_limited`. */
  error?: string | undefined;
  /** The question, only with `logContent: true`. */
  question?: string | undefined;
}

/** Everything `createConfabHandler` takes. Only `allowedOrigins` is required. */
export interface ConfabHandlerOptions {
  /** The path every route sits under. Default `/api/confab`. */
  basePath?: string | undefined;
  /**
   * Origins whose pages may call the server, e.g. `https://docs.example.com`; `https://*.example.com`
   * allows subdomains, `http://localhost:*` any port. Requests from elsewhere, or without an
   * `Origin`, are refused: the server spends your model budget only for your sites.
   */
  allowedOrigins: readonly string[];
  /** The model that answers; without it, the extractive answerer quotes the docs. */
  upstream?: UpstreamOptions | undefined;
  /** The site's docs: a folder (Markdown, MDX, HTML), several, or documents already read (e.g. bundled for Workers). */
  docs?: string | readonly string[] | readonly DocumentInput[] | undefined;
  /** Public URL of the docs folder (`guide/install.md` → `{docsBaseUrl}guide/install`), or a function of path and anchor. Default `/docs/`. */
  docsBaseUrl?: string | DocsUrl | undefined;
  /** What the assistant is told first, before the docs excerpts and the citing rules. */
  systemPrompt?: string | undefined;
  pulse?: PulseOptions | undefined;
  analytics?: AnalyticsOptions | undefined;
  /** Human handoff to a helpdesk; off when absent. */
  handoff?: HandoffOptions | undefined;
  /** `false` turns every rate limit off (behind your own limiter). */
  rateLimit?: RateLimitOptions | false | undefined;
  limits?: LimitOptions | undefined;
  identity?: IdentityOptions | undefined;
  challenge?: ChallengeOptions | undefined;
  /** Where state lives. Default: a memory store of this process. */
  store?: ConfabStore | undefined;
  /**
   * Take the client IP from `X-Forwarded-For` (its last address, the one your proxy added)
   * or `CF-Connecting-IP`. Only behind a proxy that sets them; default false.
   */
  trustProxy?: boolean | undefined;
  /** Access-log sink: one object per request. Default: a JSON line on the console. `false`: no log. */
  log?: ((entry: AccessLogEntry) => void) | false | undefined;
  /** Add each question to the access log. Default false. */
  logContent?: boolean | undefined;
  /** Failures the server cannot answer for (a bug, a store down): default `console.error`. */
  onError?: ((error: unknown) => void) | undefined;
  /** Seams for tests: `fetch` for every upstream call, `now` in epoch ms. */
  fetch?: typeof globalThis.fetch | undefined;
  now?: (() => number) | undefined;
}
