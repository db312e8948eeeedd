/**
 * A random id with a readable prefix. `crypto.randomUUID` exists only in secure contexts,
 * and a widget may be embedded on a plain-http page, so fall back to `getRandomValues`.
 */
export function randomId(prefix = ''): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') return `${prefix}${cryptoApi.randomUUID()}`;
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
