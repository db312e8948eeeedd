import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../demo/server/http-kit';
import { API_KEY, call, expectProblem, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;

/**
 * A valid conversation whose JSON is exactly `bytes` bytes of UTF-8: 3-byte '€'
 * characters fill the content, then ASCII pads the remainder.
 */
function conversationOfBytes(bytes: number): string {
  const shell = (content: string): string =>
    JSON.stringify({ type: 'openai', id: 'big', messages: [{ id: 'm1', role: 'user', content }] });
  const room = bytes - Buffer.byteLength(shell(''));
  const euros = Math.floor(room / 3);
  const text = shell('€'.repeat(euros) + 'a'.repeat(room - euros * 3));
  expect(Buffer.byteLength(text)).toBe(bytes);
  expect(text.length).toBeLessThan(bytes);
  return text;
}

describe('2 MB body limit', () => {
  it('1. the limit is 2,097,152 bytes', () => {
    expect(MAX_BODY_BYTES).toBe(2_097_152);
  });

  it('2. accepts a body of exactly 2,097,152 bytes', async () => {
    const reply = await call(base(), 'POST', '/conversations', { raw: conversationOfBytes(2_097_152) });
    expect(reply.status).toBe(200);
    expect(reply.json.id).toBe('big');
    expect(Buffer.byteLength(reply.json.messages[0].content)).toBeGreaterThan(2_097_000);
  });

  it('3. refuses 2,097,153 bytes (Content-Length) with a 413 problem', async () => {
    const reply = await call(base(), 'POST', '/conversations', { raw: conversationOfBytes(2_097_153) });
    expectProblem(reply, 413, 'payload_too_large', 'Payload Too Large', '/api/analytics/conversations');
    expect(reply.json.detail).toBe('The request body is 2097153 bytes; the maximum is 2097152 bytes (2 MB).');
    expect(backend().analytics.state.conversations.size).toBe(0);
  });

  it('4. refuses an oversized chunked body (no Content-Length), counting while streaming', async () => {
    const text = conversationOfBytes(2_097_153);
    const reply = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const url = new URL(`${base()}/conversations`);
      const req = request(url, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      // Several writes without Content-Length: Node sends Transfer-Encoding: chunked.
      const buffer = Buffer.from(text);
      for (let i = 0; i < buffer.length; i += 65_536) req.write(buffer.subarray(i, i + 65_536));
      req.end();
    });
    expect(reply.status).toBe(413);
    const problem = JSON.parse(reply.body);
    expect(problem.code).toBe('payload_too_large');
    expect(problem.detail).toBe('The request body is 2097153 bytes; the maximum is 2097152 bytes (2 MB).');
  });

  it('5. a much larger body still gets its 413, and the connection stays usable', async () => {
    const reply = await call(base(), 'POST', '/events', { raw: 'x'.repeat(8 * 1024 * 1024) });
    expect(reply.status).toBe(413);
    expect(reply.json.detail).toBe(`The request body is ${8 * 1024 * 1024} bytes; the maximum is 2097152 bytes (2 MB).`);
    const next = await call(base(), 'GET', '/conversations');
    expect(next.status).toBe(200);
  });
});
