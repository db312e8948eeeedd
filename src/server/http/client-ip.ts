/**
 * The client's IP address, for per-IP limits and the log. The socket's address comes from
 * the runtime's adapter (Node, Deno, Bun know it; a Request alone does not carry it).
 * Forwarding headers are only believed with `trustProxy`: any client can send them, so
 * without a proxy that overwrites them they would let an attacker pick its own IP.
 */

/** What an adapter knows about the connection (`createConfabHandler`'s second argument). */
export interface ConnectionInfo {
  /** The peer address of the TCP connection. */
  clientIp?: string | undefined;
}

/** The IP to count `request` under: `unknown` when nothing says (all such requests then share one bucket). */
export function clientIpOf(request: Request, info: ConnectionInfo | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const cloudflare = request.headers.get('cf-connecting-ip')?.trim();
    if (cloudflare) return cloudflare;
    // The last entry is the one the nearest proxy (yours) added; earlier ones the client may have made up.
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  // Node reports IPv4 peers of a dual-stack socket as `::ffff:1.2.3.4`.
  return info?.clientIp?.replace(/^::ffff:(?=\d+\.)/, '') || 'unknown';
}
