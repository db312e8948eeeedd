import { isRecord, parseJsonText } from '../guard';
import type { ProblemDetails } from './errors';

const codesByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** The problem code a status implies when the server sent no usable body. */
function codeForStatus(status: number): string {
  return codesByStatus[status] ?? `http_${status}`;
}

/**
 * Turns any error response body into problem details: the fields of a problem+json body
 * (contracts/analytics.md §1), else those of the OpenAI `{ error: { message, code } }` shape,
 * filled from the status line, so even an HTML 502 page gives a usable error. A page's markup
 * is never copied into the detail (it would end up in logs and reports as a wall of tags), only
 * summarised by its content type; a short plain-text body is kept. Picked by hand, not with a
 * schema, because this runs in the logging SDK's size-budgeted path.
 */
export function toProblemDetails(status: number, statusText: string, text: string, type = ''): ProblemDetails {
  const json = parseJsonText(text);
  const body = isRecord(json) ? json : {};
  const nested = isRecord(body['error']) ? body['error'] : {};
  const pick = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string' && value !== '');
  const markup = /html|xml/i.test(type) || /^\s*</.test(text);
  return {
    status,
    title: pick(body['title'], statusText) ?? `HTTP ${status}`,
    detail:
      pick(body['detail'], nested['message'], body['message']) ??
      (markup ? `The server sent a ${type || 'markup'} page.` : text.trim().slice(0, 200) || 'The server sent no details.'),
    code: pick(body['code'], nested['code'], nested['type']) ?? codeForStatus(status),
    instance: pick(body['instance']),
    requestId: pick(body['requestId']),
  };
}
