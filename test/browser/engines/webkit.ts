/**
 * WebKit (Safari's engine) as WebKitGTK's MiniBrowser, through WebKitWebDriver and
 * webdriverio, on the X display Xvfb provides (xvfb.ts). Classic WebDriver only: WebKitGTK
 * 2.50's driver has no BiDi, so init scripts and page reports come through the test server
 * (init-script-host.ts).
 *
 * A context is one WebDriver session, that is one WebKitWebDriver and one MiniBrowser with
 * its own ephemeral profile (the driver allows one session each). Its first window stays on
 * the host's blank context page (closing a session's last window would end the session);
 * each page is a window of its own, so that every page is visible, as a tab in front is.
 * WebDriver drives one window at a time: each page's commands switch to its window first,
 * one command at a time per session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { DEFAULT_VIEWPORT, EngineLacks, type ContextDriver, type ContextOptions, type EngineDriver, type LaunchOptions, type PageDriver } from './engine';
import { contextUrl, exposedFunction, type InitScriptHost } from './init-script-host';
import { parseChord, webDriverKey } from './keys';
import { sleep } from './poll';

export const WEBKIT_DRIVER = process.env['WEBKIT_DRIVER_PATH'] ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env['MINIBROWSER_PATH'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

type Session = WebdriverIO.Browser;

const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/**
 * A GTK configuration directory for one context's browser. Its CSS lets MiniBrowser's
 * toolbar shrink, which otherwise holds the window at 447 px or wider (a phone's viewport
 * is 390). With `reducedMotion`, animations are off: WebKitGTK answers
 * `prefers-reduced-motion` from GTK's `gtk-enable-animations`.
 */
function gtkConfig(reducedMotion: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'confab-webkit-'));
  mkdirSync(join(dir, 'gtk-3.0'));
  writeFileSync(join(dir, 'gtk-3.0', 'gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n');
  writeFileSync(join(dir, 'gtk-3.0', 'settings.ini'), `[Settings]\ngtk-enable-animations=${reducedMotion ? 0 : 1}\n`);
  return dir;
}

/** Starts WebKitWebDriver on a free port and waits until it answers. */
async function startDriver(env: NodeJS.ProcessEnv): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
  const exited = new Promise<never>((_, fail) => child.once('exit', (code) => fail(new Error(`WebKitWebDriver exited (${code}) before it answered`))));
  const deadline = performance.now() + 10_000;
  for (;;) {
    const ready = await Promise.race([fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok, () => false), exited]);
    if (ready) return { port, process: child };
    if (performance.now() > deadline) {
      child.kill();
      throw new Error('WebKitWebDriver did not answer within 10 s');
    }
    await sleep(50);
  }
}

/** One command at a time in a session, each in the window it is for. */
class WindowSwitcher {
  #queue: Promise<unknown> = Promise.resolve();
  #current: string;

  constructor(
    readonly session: Session,
    readonly anchor: string,
  ) {
    this.#current = anchor;
  }

  run<T>(handle: string, command: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      if (this.#current !== handle) {
        await this.session.switchToWindow(handle);
        this.#current = handle;
      }
      return command();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the window and goes back to the anchor. */
  close(handle: string): Promise<void> {
    return this.run(handle, async () => {
      await this.session.closeWindow();
      await this.session.switchToWindow(this.anchor);
      this.#current = this.anchor;
    });
  }
}

function pageDriver(windows: WindowSwitcher, handle: string): PageDriver {
  const { session } = windows;
  const run = <T>(command: () => Promise<T>) => windows.run(handle, command);
  return {
    evaluate: (expression) => run(() => session.execute(`return ${expression}`) as Promise<string>),
    goto: (url) => run(() => session.url(url).then(() => undefined)),
    reload: () => run(() => session.refresh()),
    url: () => run(() => session.getUrl()),
    click: (x, y) =>
      run(() =>
        session
          .action('pointer', { parameters: { pointerType: 'mouse' } })
          .move({ x: Math.round(x), y: Math.round(y), origin: 'viewport' })
          .down({ button: 0 })
          .up({ button: 0 })
          .perform(),
      ),
    press(keys) {
      const { modifiers, key } = parseChord(keys);
      // With a modifier a letter is the key, not the character: Control+A selects all.
      const pressed = webDriverKey(modifiers.length > 0 && /^[A-Z]$/.test(key) ? key.toLowerCase() : key);
      return run(async () => {
        let action = session.action('key');
        for (const modifier of modifiers) action = action.down(webDriverKey(modifier));
        action = action.down(pressed).up(pressed);
        for (const modifier of [...modifiers].reverse()) action = action.up(webDriverKey(modifier));
        await action.perform();
      });
    },
    type: (text) =>
      run(async () => {
        let action = session.action('key');
        for (const character of text) action = action.down(character).up(character);
        await action.perform();
      }),
    screenshot: (path) => run(() => session.saveScreenshot(path).then(() => undefined)),
    close: () => windows.close(handle),
  };
}

/** Sizes the window so that its viewport (the window less MiniBrowser's toolbar) is `width`×`height`. */
async function fitViewport(session: Session, { width, height }: { width: number; height: number }): Promise<void> {
  await session.setWindowSize(width, height);
  const viewport = async () => (await session.execute('return [innerWidth, innerHeight]')) as [number, number];
  // The window takes its new size a moment after the command returns: until then the viewport
  // is the old window's (larger than the new window), and correcting by it would ask for a
  // negative size. The viewport is never larger than its window once the resize is in.
  let [innerWidth, innerHeight] = await viewport();
  for (let tries = 0; (innerWidth > width || innerHeight > height) && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    [innerWidth, innerHeight] = await viewport();
  }
  if (innerWidth > width || innerHeight > height) throw new Error(`WebKit's window did not take ${width}×${height}: its viewport is still ${innerWidth}×${innerHeight}.`);
  if (innerWidth !== width || innerHeight !== height) await session.setWindowSize(width + (width - innerWidth), height + (height - innerHeight));
}

let contexts = 0;

/** A context's session: the driver, the browser and its windows. */
async function openContext(host: InitScriptHost, { viewport = DEFAULT_VIEWPORT, reducedMotion = false }: ContextOptions): Promise<{ context: ContextDriver; version: string }> {
  const display = process.env['DISPLAY'];
  if (!display) throw new Error('WebKit needs an X display and DISPLAY is unset: vitest.config.ts starts Xvfb for the webkit project (test/browser/engines/xvfb.ts), and .ci/run starts one.');
  const config = gtkConfig(reducedMotion);
  const driver = await startDriver({ ...process.env, DISPLAY: display, XDG_CONFIG_HOME: config });
  const id = `webkit-${process.pid}-${++contexts}`;
  let session: Session;
  try {
    session = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    });
    // The context's cookie, so that the host gives this context's pages its init scripts.
    await session.url(contextUrl(host, id));
  } catch (error) {
    driver.process.kill();
    rmSync(config, { recursive: true, force: true });
    throw error;
  }
  const windows = new WindowSwitcher(session, await session.getWindowHandle());
  const context: ContextDriver = {
    async newPage() {
      const { handle } = await windows.run(windows.anchor, () => session.createWindow('window'));
      await windows.run(handle, () => fitViewport(session, viewport));
      return pageDriver(windows, handle);
    },
    pageCount: () => windows.run(windows.anchor, async () => (await session.getWindowHandles()).length - 1),
    addInitScript: async (script) => host.register(id, script),
    exposeFunction: async (name) => host.register(id, exposedFunction(name)),
    setOffline: async () => {
      throw new EngineLacks('webkit', 'go offline', 'WebKitWebDriver speaks classic WebDriver, which has no network emulation; cut the network at the test server instead');
    },
    async close() {
      host.forget(id);
      await windows.run(windows.anchor, () => session.deleteSession()).catch(() => undefined);
      driver.process.kill();
      rmSync(config, { recursive: true, force: true });
    },
  };
  return { context, version: String(session.capabilities.browserVersion) };
}

export async function launchWebKitEngine({ host }: LaunchOptions): Promise<EngineDriver> {
  for (const [path, fix] of [
    [WEBKIT_DRIVER, 'apt-get install -y webkit2gtk-driver, or set WEBKIT_DRIVER_PATH'],
    [MINIBROWSER, 'apt-get install -y webkit2gtk-driver (it brings libwebkit2gtk-4.1), or set MINIBROWSER_PATH'],
  ] as const) {
    if (!existsSync(path)) throw new Error(`WebKit: ${path} is missing. Install it (${fix}). The browser tests never skip.`);
  }
  if (!host) throw new Error('WebKit needs the test server as its init script host (LaunchOptions.host): classic WebDriver has no init scripts or page events of its own.');
  const open = new Set<ContextDriver>();
  let version: string | undefined;
  const newContext = async (options: ContextOptions) => {
    const opened = await openContext(host, options);
    version = opened.version;
    const close = opened.context.close;
    open.add(opened.context);
    opened.context.close = async () => {
      open.delete(opened.context);
      await close();
    };
    return opened.context;
  };
  return {
    name: 'webkit',
    async version() {
      if (!version) await (await newContext({})).close();
      return `webkitgtk ${version} (MiniBrowser)`;
    },
    newContext,
    async close() {
      await Promise.all([...open].map((context) => context.close()));
    },
  };
}
