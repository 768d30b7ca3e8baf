import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Any test reading beside the repository (../shared) fails: a user's clone has nothing there.
    setupFiles: ['test/helpers/no-outside-reads.ts'],
    // Store contract suites share one PostgreSQL database; files run in parallel but each suite uses its own schema.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    allowOnly: false,
    dangerouslyIgnoreUnhandledErrors: false,
    // The second reporter lists every skipped test with its reason at the end (the default one only counts them).
    reporters: ['default', './test/helpers/skip-reporter.ts'],
  },
})
