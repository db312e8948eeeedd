/**
 * What the benchmark pages measure from the inside, installed with `addInitScript` before any
 * of the page's own scripts run. Every function here is serialised into the page, so each is
 * self-contained: it may use only its arguments and the page's globals.
 *
 * "Painted" has one meaning throughout: a condition is checked in every animation-frame
 * callback; the first frame in which it holds is the frame that renders the change, and a
 * message posted from that callback is handled right after the frame's main-thread work
 * (style, layout, paint, commit). The time of that message is the paint time. It does not
 * include the compositor's raster and display, which the page cannot observe.
 */

/** What a click started and when its result was painted (page `performance.now()` ms). */
interface ClickTiming {
  clickedAt: number;
  paintedAt: number;
}

/** The probes' surface in the page, `window.__bench`. */
export interface Probes {
  /** Resolves with the paint time of the first frame in which `condition()` holds. */
  painted(condition: () => boolean): Promise<number>;
  /**
   * Waits for the next click anywhere in the page (window, capture phase, so before any
   * handler of the page), then for the first painted frame where `condition()` holds.
   */
  armClick(condition: () => boolean): void;
  /** The timing of the armed click, once painted. */
  clicked: Promise<ClickTiming> | undefined;
  /** Calls to `put`, `add` and `delete` on IndexedDB object stores, by database name. */
  idbWrites: Record<string, number>;
  /** Starts recording the gaps between animation frames; `stop` returns the longest gap and the frame count. */
  startFrames(): void;
  stopFrames(): { longestGapMs: number; frames: number };
  /** The first `confab-message` event's time: the answer finished and was logged. */
  messageAt: number | undefined;
}

declare global {
  interface Window {
    __bench: Probes;
    /** Set by {@link watchStartup}: the watched element's paint. */
    __startup: Promise<number>;
    /** Set by {@link watchStartup}: the paint of the page's own heading, on either page. */
    __heading: Promise<number>;
  }
}

/** Installs `window.__bench`. */
export function installProbes(): void {
  const painted = (condition: () => boolean) =>
    new Promise<number>((resolve) => {
      const check = () => {
        if (!condition()) return void requestAnimationFrame(check);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(undefined);
      };
      requestAnimationFrame(check);
    });

  const idbWrites: Record<string, number> = {};
  for (const method of ['put', 'add', 'delete'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    Object.defineProperty(IDBObjectStore.prototype, method, {
      configurable: true,
      writable: true,
      value(this: IDBObjectStore, ...args: unknown[]) {
        const database = this.transaction.db.name;
        idbWrites[database] = (idbWrites[database] ?? 0) + 1;
        return original.apply(this, args);
      },
    });
  }

  let frames: { last: number; longest: number; count: number; running: boolean } | undefined;
  const onFrame = (time: number) => {
    if (!frames?.running) return;
    if (frames.count > 0) frames.longest = Math.max(frames.longest, time - frames.last);
    frames.last = time;
    frames.count++;
    requestAnimationFrame(onFrame);
  };

  const probes: Probes = {
    painted,
    armClick(condition) {
      probes.clicked = new Promise((resolve) => {
        addEventListener(
          'click',
          () => {
            const clickedAt = performance.now();
            void painted(condition).then((paintedAt) => resolve({ clickedAt, paintedAt }));
          },
          { capture: true, once: true },
        );
      });
    },
    clicked: undefined,
    idbWrites,
    startFrames() {
      frames = { last: 0, longest: 0, count: 0, running: true };
      requestAnimationFrame(onFrame);
    },
    stopFrames() {
      const result = { longestGapMs: frames?.longest ?? 0, frames: frames?.count ?? 0 };
      if (frames) frames.running = false;
      return result;
    },
    messageAt: undefined,
  };
  addEventListener('confab-message', () => (probes.messageAt ??= performance.now()));
  window.__bench = probes;
}

/**
 * Watches from the start of the document for the first painted frame that shows `target`:
 * `launcher`, the widget's launcher with a box, or `heading`, the page's own heading. The
 * heading is watched on either page: with the widget, the launcher's paint less the heading's
 * in the same load is how long after the page's own first paint the launcher comes, free of
 * the differences between loads.
 */
export function watchStartup(target: string): void {
  const hasBox = (element: Element | null | undefined) => !!element && element.getBoundingClientRect().width > 0;
  window.__heading = window.__bench.painted(() => hasBox(document.querySelector('h1')));
  window.__startup =
    target === 'launcher' ? window.__bench.painted(() => hasBox(document.querySelector('confab-chat')?.shadowRoot?.querySelector('[part~=launcher]'))) : window.__heading;
}
