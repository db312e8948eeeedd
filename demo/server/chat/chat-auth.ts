/**
 * The optional Bearer key check. Many local OpenAI-compatible servers (Ollama, LM
 * Studio) take no key, so none is required unless keys are configured.
 */
import type { IncomingMessage } from 'node:http';
import { OpenAiError } from './openai-error';

/** RFC 6750 asks a 401 to name the scheme it wants. */
const challenge = { 'WWW-Authenticate': 'Bearer' };

/**
 * Throws a 401 {@link OpenAiError} (`invalid_api_key`, as OpenAI answers) unless the
 * request carries `Authorization: Bearer <one of keys>`. No keys → everything passes.
 */
export function checkApiKey(req: IncomingMessage, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const header = req.headers.authorization ?? '';
  const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (key === undefined) {
    throw new OpenAiError(
      401,
      "You didn't provide an API key. Send it in the Authorization header as \"Authorization: Bearer <key>\".",
      { code: 'invalid_api_key', headers: challenge },
    );
  }
  if (!keys.includes(key)) {
    throw new OpenAiError(401, 'Incorrect API key provided.', { code: 'invalid_api_key', headers: challenge });
  }
}
