/**
 * Runs `task` once the page has loaded and the main thread is idle (`requestIdleCallback`,
 * which Safari lacks: a short timeout there), so the panel's chunk never competes with the
 * page's own first paint. Returns a function that cancels it.
 */
export function whenIdle(task: () => void): () => void {
  let cancel = () => window.removeEventListener('load', run);
  function run() {
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(task, { timeout: 2_000 });
      cancel = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(task, 200);
      cancel = () => clearTimeout(handle);
    }
  }
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
  return () => cancel();
}
