/**
 * How a helpdesk call failed, in the terms the handoff server acts on: retry it later
 * (`unavailable`), retry it but tell the operator their key or ids are wrong (`config`), or
 * give up on it (`rejected`, `not_found`, `conflict`). Adapters throw it; the server never
 * shows its `reason` (the helpdesk's own words) to a visitor, only to `onError`.
 */
import { ConfabError } from '../../sdk/http/errors';

/** The kinds of failure, from what the server does about them. */
export type HandoffErrorKind = 'unavailable' | 'config' | 'rejected' | 'not_found' | 'conflict';

const CODES: Record<HandoffErrorKind, string> = {
  unavailable: 'helpdesk_unavailable',
  config: 'helpdesk_config_error',
  rejected: 'helpdesk_refused',
  not_found: 'helpdesk_not_found',
  conflict: 'helpdesk_conflict',
};

/** A failed helpdesk call. */
export class HandoffError extends ConfabError {
  override name = 'HandoffError';
  declare readonly kind: HandoffErrorKind;
  /** The helpdesk's HTTP status, when it answered. */
  declare readonly status: number | undefined;
  /** The helpdesk's own error text (e.g. Dixa's `Duplicate externalId`), when it gave one. */
  declare readonly reason: string | undefined;
  /** How long the helpdesk asked to wait (`Retry-After`). */
  declare readonly retryAfterMs: number | undefined;
  /** The setting an operator must fix, for `config` (e.g. `handoff.dixa.apiToken`). */
  declare readonly setting: string | undefined;

  constructor(
    kind: HandoffErrorKind,
    message: string,
    details: { status?: number | undefined; reason?: string | undefined; retryAfterMs?: number | undefined; setting?: string | undefined; cause?: unknown } = {},
  ) {
    super(CODES[kind], message, { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
    this.setting = details.setting;
  }
}

/** `error` as a HandoffError: anything an adapter threw that is not one is a passing failure. */
export function toHandoffError(error: unknown): HandoffError {
  if (error instanceof HandoffError) return error;
  return new HandoffError('unavailable', `The helpdesk call failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
