import { systemClock, type Clock } from '../../clock';
import { ConfigError } from '../../http/errors';
import type { RequestSigner } from './signed-fetch';

/** Options of {@link hmacSigner}. */
export interface HmacSignerOptions {
  /** The source of the timestamp. Default: the system clock. */
  clock?: Clock | undefined;
}

const encoder = new TextEncoder();

/**
 * A request signer that adds `X-Timestamp` (Unix seconds) and `X-Signature` (lower-case hex
 * HMAC-SHA256 of `` `${timestamp}\n${method}\n${path}\n${body ?? ''}` `` with `secret`).
 *
 * PulseAI shows these two headers in its examples but has not published how the signature
 * is computed (contracts/pulse.md §2.2), so this is a documented, pluggable default: a
 * proxy in front of PulseAI can recompute it to check that a request came from the widget
 * and is recent, then add the real `Authorization` (and PulseAI's own signature). A secret
 * shipped in a browser bundle is readable by anyone, so treat it as a request tag, not as
 * authentication; replace the signer when PulseAI publishes its algorithm.
 *
 * Needs WebCrypto (`crypto.subtle`), which browsers offer on https pages and localhost only.
 */
export function hmacSigner(secret: string, options: HmacSignerOptions = {}): RequestSigner {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new ConfigError('sign', 'hmacSigner needs WebCrypto (crypto.subtle), which browsers only offer on https pages and localhost; serve the page over https or sign on your proxy instead.');
  }
  const clock = options.clock ?? systemClock;
  let key: Promise<CryptoKey> | undefined;
  return async ({ method, path, body }) => {
    key ??= subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const timestamp = String(Math.floor(clock.now() / 1000));
    const mac = await subtle.sign('HMAC', await key, encoder.encode(`${timestamp}\n${method}\n${path}\n${body ?? ''}`));
    const signature = Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
    return { 'X-Timestamp': timestamp, 'X-Signature': signature };
  };
}
