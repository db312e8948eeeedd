/**
 * Init scripts for WebKit, through the test server. Classic WebDriver (all WebKitWebDriver
 * speaks) has no init scripts and no page events: nothing tells the test about an uncaught
 * error, a console error or a dialog, and nothing runs before the page's own scripts. So the
 * test server puts one same-origin script first in the head of every page it serves to a
 * WebKit context (a strict CSP allows it: `script-src 'self'`). That script keeps the
 * page's reports where the driver takes them with each evaluation (page.ts), and runs the
 * context's init scripts.
 *
 * A WebKit context is known by a cookie the driver sets when it opens the context, so the
 * server gives each context its own scripts. Pages served to Chromium and Firefox carry no
 * such cookie and go out unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callSource } from './page';

const COOKIE = 'confab-engine-context';
export const INIT_PATH = '/__engine/init.js';
const CONTEXT_PATH = '/__engine/context/';

/** What a WebKit context needs from the server that serves its pages. */
export interface InitScriptHost {
  /** The origin the host serves (`http://127.0.0.1:PORT`). */
  origin: string;
  /** Adds `script` (a statement list) to what runs first in the context's documents. */
  register(context: string, script: string): void;
  forget(context: string): void;
}

/** The URL that opens a context on the host: it answers with the context's cookie. */
export const contextUrl = (host: InitScriptHost, context: string) => `${host.origin}${CONTEXT_PATH}${encodeURIComponent(context)}`;

/**
 * Runs first in a WebKit page: keeps uncaught errors, console errors and dialogs (dismissed,
 * as the other drivers do) as report lines, and calls of exposed functions, until the driver
 * takes them.
 */
function keepReports(): void {
  const lines: string[] = [];
  const calls: Array<[string, unknown[]]> = [];
  const take = () => (lines.length || calls.length ? { lines: lines.splice(0), calls: calls.splice(0) } : undefined);
  Object.defineProperty(globalThis, '__confabEngine', { value: { calls, take } });
  const message = (value: unknown) => (value instanceof Error ? value.message : String(value));
  addEventListener('error', (event) => lines.push(`pageerror: ${event.error ? message(event.error) : event.message}`));
  addEventListener('unhandledrejection', (event) => lines.push(`pageerror: ${message(event.reason)}`));
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    lines.push(`console: ${args.map((arg) => String(arg)).join(' ')}`);
    error(...args);
  };
  window.alert = (text?: unknown) => void lines.push(`dialog: alert: ${String(text ?? '')}`);
  window.confirm = (text?: string) => (lines.push(`dialog: confirm: ${text ?? ''}`), false);
  window.prompt = (text?: string) => (lines.push(`dialog: prompt: ${text ?? ''}`), null);
}

/** Defines `window[name]`, whose calls the driver takes with the reports. */
export function exposedFunction(name: string): string {
  const define = (binding: string) => {
    const engine = (globalThis as unknown as { __confabEngine: { calls: Array<[string, unknown[]]> } }).__confabEngine;
    Object.defineProperty(window, binding, { value: (...args: unknown[]) => void engine.calls.push([binding, args]) });
  };
  return `${callSource(define, name)};`;
}

/** The server side: answers `/__engine/…` and marks up pages for WebKit contexts. */
export interface InitScriptServer {
  host(origin: string): InitScriptHost;
  /** Answers the engine's own requests; false for any other. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** `html` with the init script first in its head when `req` comes from a WebKit context; else `html`. */
  inject(html: string, req: IncomingMessage): string;
}

const contextOf = (req: IncomingMessage) => req.headers.cookie?.match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`))?.[1];

export function createInitScriptServer(): InitScriptServer {
  const scripts = new Map<string, string[]>();
  return {
    host: (origin) => ({
      origin,
      register: (context, script) => void scripts.set(context, [...(scripts.get(context) ?? []), script]),
      forget: (context) => void scripts.delete(context),
    }),
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith(CONTEXT_PATH)) {
        const context = decodeURIComponent(path.slice(CONTEXT_PATH.length));
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store', 'set-cookie': `${COOKIE}=${encodeURIComponent(context)}; Path=/; HttpOnly; SameSite=Lax` });
        res.end('<!doctype html><title>engine context</title>');
        return true;
      }
      if (path !== INIT_PATH) return false;
      const context = contextOf(req);
      const own = context ? (scripts.get(decodeURIComponent(context)) ?? []) : [];
      // It takes its own tag out, so the page's elements are the page's; each script on its
      // own, so one that throws does not stop the next.
      const body = context
        ? ['document.currentScript?.remove();', `${callSource(keepReports)};`, ...own.map((script) => `try { ${script} } catch (error) { console.error(error); }`)].join('\n')
        : '';
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(body);
      return true;
    },
    inject(html, req) {
      if (!contextOf(req)) return html;
      const tag = `<script src="${INIT_PATH}"></script>`;
      const head = /<head[^>]*>/i.exec(html);
      return head ? `${html.slice(0, head.index + head[0].length)}${tag}${html.slice(head.index + head[0].length)}` : `${tag}${html}`;
    },
  };
}
