import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSigner } from '../../../../src/sdk/providers/pulse/hmac-signer';
import { createFakeClock } from '../../../support/fake-clock';

describe('hmacSigner', () => {
  const clock = createFakeClock(Date.parse('2026-01-01T00:00:07.900Z'));
  const request = { method: 'POST', path: '/chat-messages', body: '{"query":"Grüße"}' };

  it('signs timestamp, method, path and body with HMAC-SHA256, in hex', async () => {
    const headers = await hmacSigner('s3cret', { clock })(request);
    const timestamp = String(Math.floor(clock.now() / 1000));
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}\nPOST\n/chat-messages\n{"query":"Grüße"}`, 'utf8').digest('hex');
    expect(headers).toEqual({ 'X-Timestamp': '1767225607', 'X-Signature': expected });
  });

  it('can be verified with WebCrypto, and a changed body fails verification', async () => {
    const headers = await hmacSigner('s3cret', { clock })({ method: 'GET', path: '/parameters', body: undefined });
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('s3cret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const signature = Uint8Array.from(headers['X-Signature']?.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    const verify = (message: string) => crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(message));
    await expect(verify(`${headers['X-Timestamp']}\nGET\n/parameters\n`)).resolves.toBe(true);
    await expect(verify(`${headers['X-Timestamp']}\nGET\n/parameters\n{}`)).resolves.toBe(false);
  });

  it('stamps each request with the time it is sent', async () => {
    const later = createFakeClock(0);
    const sign = hmacSigner('k', { clock: later });
    const first = await sign(request);
    later.advance(5_000);
    const second = await sign(request);
    expect([first['X-Timestamp'], second['X-Timestamp']]).toEqual(['0', '5']);
    expect(first['X-Signature']).not.toBe(second['X-Signature']);
  });
});
