/**
 * The SPA page's app shell: a hash router swapping the main view, and the event log. It is
 * its own module script, so the app still works (and says so) when the widget's module
 * fails to load. The widget lives outside the routed view and keeps its state across routes.
 */
import { addEntry } from './spa-log';

const routes = ['overview', 'jobs', 'settings'];
const view = document.getElementById('view') as HTMLElement;

function route() {
  const name = location.hash.replace(/^#\//, '');
  const current = routes.includes(name) ? name : 'overview';
  const template = document.getElementById(`view-${current}`) as HTMLTemplateElement;
  view.replaceChildren(template.content.cloneNode(true));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-route]')) {
    if (link.dataset['route'] === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${current[0]?.toUpperCase()}${current.slice(1)} · Tidewater Console — confab demo (SPA)`;
}
window.addEventListener('hashchange', route);
route();

// A module graph that fails to load fires `error` at its <script>, not at window.
document.querySelector('script[src^="/pages/spa.ts"]')?.addEventListener('error', () => {
  addEntry('✗ the widget module did not load', 'error', "import 'confab-chat/element' failed: see the console.");
});
