/**
 * Writes a planned stream at a steady pace: frame i is due `i × delayMs` after the start.
 * Scheduling against the start time (not one timer per gap) keeps the average pace right
 * even at 1 ms, where each timer overshoots; late frames are written together. Writing
 * stops, and the timer is cleared, the moment the client goes away.
 */
import type { ServerResponse } from 'node:http';
import type { StreamPlan } from './stream-plan';

/** The streams in flight, so the server's `close()` can stop them all. */
export interface ActiveStreams {
  /** Registers a stop function; returns its unregister function. */
  add(stop: () => void): () => void;
  /** Stops every registered stream. */
  stopAll(): void;
}

/** Creates an empty registry. */
export function createActiveStreams(): ActiveStreams {
  const stops = new Set<() => void>();
  return {
    add(stop) {
      stops.add(stop);
      return () => stops.delete(stop);
    },
    stopAll() {
      for (const stop of [...stops]) stop();
      stops.clear();
    },
  };
}

/** The headers of an SSE response; sent at once so the client sees the stream start. */
export function startEventStream(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Connection', 'keep-alive');
  // Tells nginx-style proxies not to buffer the stream into one late chunk.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}

/**
 * Writes `plan.frames` to `res`, `delayMs` apart, then ends as the plan says. Resolves
 * once nothing more will be written: after the end, or when the client disconnects
 * (the response's `close`; the request's fires as soon as its body is read), or when
 * `active.stopAll()` runs. A `hold` ending resolves only on those last two.
 */
export function playStream(res: ServerResponse, plan: StreamPlan, delayMs: number, active: ActiveStreams): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now();
    let index = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      res.off('close', stop);
      res.off('drain', tick);
      unregister();
      resolve();
    };
    const unregister = active.add(() => {
      stop();
      res.destroy();
    });
    res.on('close', stop);

    function tick(): void {
      timer = undefined;
      if (stopped) return;
      const elapsed = performance.now() - start;
      while (index < plan.frames.length && index * delayMs <= elapsed) {
        // A full socket buffer (a slow reader) pauses the schedule until it drains.
        if (!res.write(plan.frames[index++] ?? '')) {
          res.once('drain', tick);
          return;
        }
      }
      if (index < plan.frames.length) {
        timer = setTimeout(tick, index * delayMs - elapsed);
        return;
      }
      if (plan.ending === 'hold') return;
      if (plan.ending === 'destroy') res.destroy();
      else res.end();
      stop();
    }
    tick();
  });
}
