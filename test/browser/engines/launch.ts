/**
 * Launches the engine of this run (engine.ts): the one place a test gets a browser from.
 * Each driver is imported only when its engine runs.
 */
import { currentEngine, type ContextOptions, type EngineName, type LaunchOptions } from './engine';
import { Context } from './page';

/** A launched engine: contexts (fresh profiles) to open pages in. */
export interface Engine {
  name: EngineName;
  /** The browser's product and version, e.g. `firefox 153.8.0esr`. */
  version(): Promise<string>;
  newContext(options?: ContextOptions): Promise<Context>;
  close(): Promise<void>;
}

export async function launchEngine(options: LaunchOptions = {}, name: EngineName = currentEngine()): Promise<Engine> {
  const driver =
    name === 'chromium'
      ? await (await import('./chromium')).launchChromiumEngine()
      : name === 'firefox'
        ? await (await import('./firefox')).launchFirefoxEngine()
        : await (await import('./webkit')).launchWebKitEngine(options);
  return {
    name,
    version: () => driver.version(),
    newContext: async (contextOptions = {}) => new Context(name, await driver.newContext(contextOptions)),
    close: () => driver.close(),
  };
}
