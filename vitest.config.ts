import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Integration tests start real HTTP servers on 127.0.0.1; a shared 2-core CI box
    // needs more than the default 5 s for the 1,000-operation fault run.
    testTimeout: 30_000,
    restoreMocks: true,
  },
});
