import type { Strings } from './i18n';

/**
 * Shown in place of the panel while its chunk cannot be loaded (offline, a 404, a blocker):
 * one translated sentence and Retry. A status, not an alert dialog: the launcher still
 * closes it, and nothing the reader wrote is in it (the composer is in the panel).
 */
export function createLoadFailureView(onRetry: () => void): { box: HTMLElement; show(strings: Pick<Strings, 'loadFailed' | 'retry'>): void } {
  const box = document.createElement('div');
  box.className = 'load-failed';
  box.setAttribute('part', 'load-failed');
  box.setAttribute('role', 'status');
  const sentence = document.createElement('p');
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.addEventListener('click', onRetry);
  box.append(sentence, retry);
  return {
    box,
    show(strings) {
      sentence.textContent = strings.loadFailed;
      retry.textContent = strings.retry;
    },
  };
}
