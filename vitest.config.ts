import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { ENGINES } from './test/browser/engines/engine';
import { classicJsx } from './vite.config';

/** The suites that drive a real browser: each runs once per engine (test/browser/engines/). */
const BROWSER_SUITES = ['test/acceptance/**/*.test.ts', 'test/browser/**/*.test.ts'];

/** One project per engine; the files of all of them share the workers, so the engines run side by side. */
const engineProject = (engine: (typeof ENGINES)[number]): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name: engine,
    include: BROWSER_SUITES,
    env: { CONFAB_ENGINE: engine },
    // A real browser on a shared 2-core machine: a case walks a whole visit, and what a page
    // shows may take seconds under load (expect.poll's own default is one second).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 10_000 } },
    // After the unit tests, the engines' files three at a time although CI has two cores: a
    // browser file mostly waits (on the answer's pace, the outbox's retries, the page), so
    // the engines' files overlap well.
    sequence: { groupOrder: 2 },
    maxWorkers: 3,
    // WebKitGTK draws on an X display: Xvfb, unless DISPLAY is set.
    ...(engine === 'webkit' ? { globalSetup: ['test/browser/engines/xvfb.ts'] } : {}),
  },
});

export default defineConfig({
  // The components are tested as the build compiles them.
  oxc: classicJsx,
  test: {
    environment: 'node',
    // Integration tests start real HTTP servers on 127.0.0.1; a shared 2-core CI box
    // needs more than the default 5 s for the 1,000-operation fault run.
    testTimeout: 30_000,
    restoreMocks: true,
    // The default report, then the browser cases an engine could not run, with why.
    reporters: ['default', './test/browser/engines/not-run-reporter.ts'],
    projects: [
      // First and on their own, one file at a time as before: some measure their own speed.
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: BROWSER_SUITES, sequence: { groupOrder: 1 }, maxWorkers: 1 },
      },
      ...ENGINES.map(engineProject),
    ],
  },
});
