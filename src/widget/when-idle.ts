/**
 * Runs `task` once the page has loaded and the main thread is idle (`requestIdleCallback`,
 * which Safari lacks: a short timeout there), so the panel's chunk never competes with the
 * page's own first paint. Returns a function that cancels it.
 */
export function whenIdle(task: () => void): () => void {
  let cancelled = false;
  let handle: number | undefined;
  const run = () => {
    if (cancelled) return;
    if (typeof requestIdleCallback === 'function') handle = requestIdleCallback(task, { timeout: 2_000 });
    else handle = window.setTimeout(task, 200);
  };
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', run);
    if (handle === undefined) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}
