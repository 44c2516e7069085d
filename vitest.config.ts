import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'schemas/**/*.test.ts'] },
      },
      {
        // The contract kit as a vitest project: `npx vitest run --project contract`, against
        // BTMOCK_TARGET when set, else against a mock started for the run.
        extends: true,
        test: { name: 'contract', include: ['contracts/**/*.test.ts'] },
      },
    ],
  },
});
