/** Options of {@link sseResponse}. */
export interface SseResponseOptions {
  status?: number;
  headers?: Record<string, string>;
  /** After the chunks, keep the body open without sending anything (a stalled server). */
  stallAtEnd?: boolean;
  /** After the chunks, fail the body (a dropped connection). */
  breakAtEnd?: boolean;
}

/**
 * A streaming `Response` whose body delivers `chunks` one read at a time, exactly as given,
 * so a test controls where the network splits the bytes.
 */
export function sseResponse(chunks: ReadonlyArray<string | Uint8Array>, options: SseResponseOptions = {}): Response {
  const encoder = new TextEncoder();
  const queue = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      if (options.breakAtEnd) return controller.error(new TypeError('terminated: other side closed'));
      if (options.stallAtEnd) return new Promise<void>(() => undefined);
      controller.close();
    },
  });
  return new Response(body, {
    status: options.status ?? 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', ...options.headers },
  });
}

/** `data: <json>\n\n` for each payload. */
export const dataLines = (...payloads: unknown[]) => payloads.map((payload) => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`).join('');

/** Every way to split `text` in two: one entry per byte boundary of its UTF-8 encoding. */
export function splitsAtEveryByte(text: string): Array<[Uint8Array, Uint8Array]> {
  const bytes = new TextEncoder().encode(text);
  return Array.from({ length: bytes.length - 1 }, (_, index) => [bytes.slice(0, index + 1), bytes.slice(index + 1)]);
}
