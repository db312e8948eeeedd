import { HttpError, type ConfabError } from '../../sdk/http/errors';

/**
 * Whether a failed call to the confab server is worth sending again as is: no answer
 * (offline, timeout), or an answer that says "later" (408, 409 busy, 429, 5xx but 502,
 * which is the helpdesk's refusal for good). Anything else is final.
 */
export function isRetryable(error: ConfabError): boolean {
  if (!(error instanceof HttpError)) return error.code === 'network_error' || error.code === 'timeout';
  const { status } = error;
  return status === 408 || status === 409 && error.code === 'handoff_busy' || status === 429 || (status >= 500 && status !== 502);
}

/** The wait before attempt `failures` + 1: 2 s doubling up to a minute, or what the server asked. */
export function retryDelay(error: ConfabError, failures: number): number {
  return (error instanceof HttpError ? error.retryAfterMs : undefined) ?? Math.min(60_000, 2_000 * 2 ** failures);
}
