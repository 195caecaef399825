import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,renderer,electron,printers,server,test,build}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers on real ports and a real PostgreSQL; two cores, so keep it modest.
    maxWorkers: 2,
  },
});
