/**
 * The wire side of a `/chat-messages` stream (contract §5.1): `data: {json}\n\n` blocks,
 * `event: ping\n\n` keep-alives, and the ways a test wants a stream to end badly.
 */
import type { ServerResponse } from 'node:http';

/** A text/event-stream response being written. */
export interface SseStream {
  /** False once the stream ended or the client went away; writes are then dropped. */
  readonly open: boolean;
  /** One payload event: `data: ` + single-line JSON + blank line. */
  data(payload: Record<string, unknown>): void;
  /** A bare `event: ping` block (§5.1 keep-alive). */
  ping(): void;
  /** An SSE comment block, which clients must skip. */
  comment(text: string): void;
  /** Writes `text` exactly as given (framing faults). */
  raw(text: string): void;
  /** Ends the response normally. */
  end(): void;
  /** Closes the connection once what was written is flushed: the client sees the body stop without a terminal event. */
  abort(): void;
  /** Stops the automatic keep-alive pings, for a mode that sends its own. */
  stopKeepAlive(): void;
}

/** Options of {@link openSse}. */
export interface SseOptions {
  /**
   * Until the first payload event, send a ping whenever the stream has been silent this
   * long: Dify pings while it waits for the model's first token (§5.1, §16 step 2).
   */
  keepAliveMs: number;
}

/** Sends the stream's headers at once (so a client can tell a stream from a JSON error) and returns the writer. */
export function openSse(res: ServerResponse, options: SseOptions): SseStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the deltas into one late write.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  // Small writes must leave at once, one TCP segment per event, not coalesced by Nagle.
  res.socket?.setNoDelay(true);

  let open = true;
  let waitingForFirstPayload = true;
  let keepAlive: NodeJS.Timeout | undefined;

  function write(text: string): void {
    if (!open) return;
    res.write(text);
    armKeepAlive();
  }
  function armKeepAlive(): void {
    clearTimeout(keepAlive);
    if (open && waitingForFirstPayload) keepAlive = setTimeout(() => write('event: ping\n\n'), options.keepAliveMs);
  }
  function finish(): void {
    open = false;
    clearTimeout(keepAlive);
  }
  res.on('close', finish);
  armKeepAlive();

  return {
    get open() {
      return open && !res.writableEnded && !res.destroyed;
    },
    data(payload) {
      waitingForFirstPayload = false;
      // JSON.stringify escapes newlines inside strings, so a payload is always one line.
      write(`data: ${JSON.stringify(payload)}\n\n`);
    },
    ping: () => write('event: ping\n\n'),
    comment: (text) => write(`: ${text}\n\n`),
    raw: (text) => write(text),
    end() {
      if (open) res.end();
      finish();
    },
    abort() {
      finish();
      // destroy() alone would drop the deltas still in the socket's buffer.
      if (res.socket) res.socket.destroySoon();
      else res.destroy();
    },
    stopKeepAlive() {
      waitingForFirstPayload = false;
      clearTimeout(keepAlive);
    },
  };
}
