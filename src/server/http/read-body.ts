/**
 * Reads a request body under a byte limit and a deadline. A declared `Content-Length`
 * over the limit is refused before a byte is read; a body without one (chunked) is
 * counted as it arrives and cut at the limit. A client that trickles its body (slowloris)
 * is cut at the deadline, so it cannot hold a request open.
 */
import { RequestError } from './request-error';

/** Too large: 413, naming both sizes. */
const tooLarge = (bytes: number | string, limit: number) =>
  new RequestError(413, 'payload_too_large', `The request body is ${bytes} bytes; the maximum is ${limit} bytes.`);

/** The body as UTF-8 text. Throws a RequestError: 413 too large, 408 too slow, 400 when the client broke off. */
export async function readBody(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(declared, limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RequestError(408, 'request_timeout', `The request body did not arrive within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    for (;;) {
      const part = await Promise.race([reader.read(), deadline]);
      if (part.done) break;
      received += part.value.byteLength;
      if (received > limit) throw tooLarge(`over ${limit}`, limit);
      chunks.push(part.value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    if (error instanceof RequestError) throw error;
    throw new RequestError(400, 'incomplete_body', 'The request body ended early.', { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return new TextDecoder().decode(concat(chunks, received));
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Parses JSON text that must be an object; 400 `invalid_json` otherwise. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestError(400, 'invalid_json', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
