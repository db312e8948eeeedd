import { defineConfig } from 'vitest/config';
import { classicJsx } from './vite.config';

export default defineConfig({
  // The components are tested as the build compiles them.
  oxc: classicJsx,
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Integration tests start real HTTP servers on 127.0.0.1; a shared 2-core CI box
    // needs more than the default 5 s for the 1,000-operation fault run.
    testTimeout: 30_000,
    restoreMocks: true,
  },
});
