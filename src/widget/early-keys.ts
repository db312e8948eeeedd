/**
 * Keys typed on the loader's launcher after it opened the panel and before the panel is there
 * (a cold open, a slow network, a chunk that failed and is retried): kept for the composer.
 * Without this they would be lost, and a space or an Enter would press the launcher again and
 * close the panel the reader just opened. `active`: opened, and the panel not rendered yet.
 */
export function keepEarlyKeys(launcher: HTMLElement, active: () => boolean): { take(): string } {
  let typed = '';
  launcher.addEventListener('keydown', (event) => {
    if (!active() || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) typed += event.key;
    else if (event.key === 'Backspace') typed = typed.slice(0, -1);
    else if (event.key !== 'Enter') return;
    event.preventDefault();
  });
  // A button is pressed by a space on its keyup.
  launcher.addEventListener('keyup', (event) => active() && event.key === ' ' && event.preventDefault());
  return {
    take() {
      const kept = typed;
      typed = '';
      return kept;
    },
  };
}
