/**
 * Response builders. JSON bodies are sent with their length, and every error shape the
 * server speaks is built here: OpenAI's for the chat routes, PulseAI's for its proxy,
 * problem+json for the analytics relay.
 */
import type { RequestError } from './request-error';

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json; charset=utf-8'): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

/** `{"error": {"message", "type", "param", "code"}}`, as OpenAI answers (contracts/openai-chat.md "Errors"). */
export function openAiErrorResponse(error: RequestError): Response {
  return jsonResponse(error.status, { error: { message: error.message, type: error.type, param: error.param, code: error.code } }, { ...error.headers });
}

/** `{"code", "message", "status"}`, as PulseAI answers (contracts/pulse.md §3.1). */
export function pulseErrorResponse(error: RequestError): Response {
  return jsonResponse(error.status, { code: error.code, message: error.message, status: error.status }, { ...error.headers });
}

/** `application/problem+json`, as the analytics API answers (contracts/analytics.md "Errors"). */
export function problemResponse(error: RequestError, instance: string, requestId: string): Response {
  const title = error.code.replace(/_/g, ' ').replace(/^./, (letter) => letter.toUpperCase());
  const body = { title, status: error.status, detail: error.message, instance, requestId, code: error.code, error: { code: error.code, message: error.message } };
  return jsonResponse(error.status, body, { ...error.headers }, 'application/problem+json; charset=utf-8');
}
